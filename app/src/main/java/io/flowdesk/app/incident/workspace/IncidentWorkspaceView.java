package io.flowdesk.app.incident.workspace;

import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.app.incident.reply.ReplyTemplates;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Priority;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the workspace's sections of the agents' incident page show (model attribute "workspace").
 */
@Component
public class IncidentWorkspaceView {

  private final IncidentRecords records;
  private final Directory directory;
  private final ReplyTemplates replyTemplates;

  IncidentWorkspaceView(
      final IncidentRecords records,
      final Directory directory,
      final ReplyTemplates replyTemplates) {
    this.records = records;
    this.directory = directory;
    this.replyTemplates = replyTemplates;
  }

  /** Adds the workspace of {@code incident} to the page's model. */
  public void addTo(final Model model, final Incident incident) {
    final Map<String, Person> watchers = directory.byUsername(records.watchers(incident.id()));
    model.addAttribute(
        "workspace",
        new Workspace(
            directory.groups().stream().map(g -> g.name()).sorted().toList(),
            incident.assignmentGroup() == null
                ? List.of()
                : directory.members(incident.assignmentGroup()).stream().sorted().toList(),
            IncidentReporting.CATEGORIES.stream().sorted().toList(),
            List.of(Priority.values()),
            records.watchers(incident.id()).stream()
                .map(
                    username ->
                        new Watcher(
                            username,
                            watchers.containsKey(username)
                                ? watchers.get(username).displayName()
                                : username))
                .toList(),
            records.major().reason(incident.id()).orElse(null),
            records.major().children(incident.id()),
            records.major().parentOf(incident.id()).orElse(null)));
    model.addAttribute("replyTemplates", replyTemplates.all());
    if (!model.containsAttribute("workspaceErrors")) {
      model.addAttribute("workspaceErrors", Map.of());
      model.addAttribute("workspaceInput", Map.of());
    }
  }

  /** A watcher by username and name. */
  public record Watcher(String username, String displayName) {}

  /**
   * @param groups every assignment group's name, for the transfer
   * @param members the members of the incident's group, for the assignment
   * @param majorReason why it is major; null when it is not
   * @param parent the major incident it is a child of, or null
   */
  public record Workspace(
      List<String> groups,
      List<String> members,
      List<String> categories,
      List<Priority> priorities,
      List<Watcher> watchers,
      String majorReason,
      List<Incident> children,
      Incident parent) {}
}
