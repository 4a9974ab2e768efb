package io.flowdesk.app.incident.workspace;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import org.springframework.stereotype.Component;

/** Adds and removes an incident's watchers: enabled people of the directory (audited). */
@Component
public class IncidentWatching {

  private final IncidentRecords records;
  private final Directory directory;

  IncidentWatching(final IncidentRecords records, final Directory directory) {
    this.records = records;
    this.directory = directory;
  }

  /**
   * @throws WorkspaceInputException at {@code watcher}: nobody enabled by that username
   */
  public Person add(final Incident incident, final String username, final String agent) {
    final Person person =
        directory
            .person(username == null ? "" : username.strip())
            .filter(Person::enabled)
            .orElseThrow(
                () ->
                    WorkspaceInputException.of(
                        "watcher",
                        "there is nobody called " + (username == null ? "" : username.strip())));
    records.watch(incident.id(), person.username(), ChangeSource.person(agent));
    return person;
  }

  public void remove(final Incident incident, final String username, final String agent) {
    if (records.watchers(incident.id()).contains(username)) {
      records.unwatch(incident.id(), username, ChangeSource.person(agent));
    }
  }
}
