package io.flowdesk.app.mailbox;

import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.request.RequestAccess;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The record a reply's token names, and whether its sender may write on it: the record's caller or
 * requester, a watcher, or someone the record's access rules let see it (an agent of its group).
 * Anyone else could have copied the token, so their mail is not threaded onto the record.
 */
@Component
class ReplyTargets {

  private final IncidentRecords incidents;
  private final IncidentAccess incidentAccess;
  private final RequestRecords requests;
  private final RequestAccess requestAccess;

  ReplyTargets(
      final IncidentRecords incidents,
      final IncidentAccess incidentAccess,
      final RequestRecords requests,
      final RequestAccess requestAccess) {
    this.incidents = incidents;
    this.incidentAccess = incidentAccess;
    this.requests = requests;
    this.requestAccess = requestAccess;
  }

  /** A record a mail answers; {@code incident} is set for incidents. */
  record Target(RecordRef ref, Incident incident) {}

  /** The record the token names, when it exists. */
  Optional<Target> find(final String token) {
    if (token.startsWith("INC")) {
      return incidents
          .findByNumber(token)
          .map(incident -> new Target(incidentAccess.ref(incident), incident));
    }
    if (token.startsWith("REQ")) {
      return requests
          .findByNumber(token)
          .map(request -> new Target(requestAccess.ref(request), null));
    }
    return Optional.empty();
  }

  /** Whether the person may add to the record by mail. */
  boolean allows(final Target target, final Person sender) {
    final Viewer viewer = viewerOf(sender);
    if (target.ref().core().watchers(target.ref().id()).contains(sender.username())) {
      return true;
    }
    if (target.incident() != null) {
      return incidentAccess.permits(viewer, target.incident());
    }
    final Optional<Request> request = requests.findByNumber(target.ref().number());
    return request.isPresent() && requestAccess.permits(viewer, request.get());
  }

  static Viewer viewerOf(final Person person) {
    return new Viewer(person.username(), person.displayName(), person.roles(), person.groups());
  }
}
