package io.flowdesk.app.incident.workspace;

import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalEntry;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.MajorIncidents;
import io.flowdesk.domain.notification.NotificationOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent's major incident work: flagging an incident major (with a reason, also a work note) and
 * linking incidents as its children. Resolving the parent resolves the open children (the incident
 * process's resolve worker, see workers' {@code MajorIncidentCascade}).
 */
@Component
public class MajorIncidentDesk {

  private static final Set<IncidentState> ENDED =
      Set.of(IncidentState.CLOSED, IncidentState.CANCELED);

  private final IncidentRecords records;
  private final IncidentAccess access;
  private final NotificationOutbox outbox;

  MajorIncidentDesk(
      final IncidentRecords records, final IncidentAccess access, final NotificationOutbox outbox) {
    this.records = records;
    this.access = access;
    this.outbox = outbox;
  }

  /**
   * Flags the incident major.
   *
   * @throws WorkspaceInputException at {@code majorReason}: no reason, or the incident is a child
   */
  @Transactional
  public void flag(final Incident incident, final String reason, final String agent) {
    final String why = Reasons.required(reason, "majorReason", MajorIncidents.MAX_REASON);
    if (ENDED.contains(incident.state())) {
      throw WorkspaceInputException.of(
          "majorReason", incident.number() + " is " + incident.state().name().toLowerCase());
    }
    try {
      records.major().flag(incident.id(), why, ChangeSource.person(agent));
    } catch (IllegalArgumentException refused) {
      throw WorkspaceInputException.of("majorReason", refused.getMessage());
    }
    records.addJournalEntry(
        incident.id(),
        JournalKind.WORK_NOTE,
        "Flagged as major incident: " + why,
        ChangeSource.person(agent));
  }

  /**
   * The major incident's communication: {@code text} as a comment on the parent and on each of its
   * children that has not ended, so every child's caller reads it on their incident; answers how
   * many incidents got it.
   *
   * @throws WorkspaceInputException at {@code communication}: blank or too long, or no major
   *     incident
   */
  @Transactional
  public int communicate(final Incident parent, final String text, final String agent) {
    if (records.major().reason(parent.id()).isEmpty()) {
      throw WorkspaceInputException.of("communication", parent.number() + " is no major incident");
    }
    if (text == null || text.isBlank()) {
      throw WorkspaceInputException.of("communication", "please write the message");
    }
    final String message = Reasons.required(text, "communication", JournalPosting.MAX_TEXT);
    final ChangeSource source = ChangeSource.person(agent);
    final JournalEntry posted =
        records.addJournalEntry(parent.id(), JournalKind.COMMENT, message, source);
    final List<Long> comments = new ArrayList<>(List.of(posted.id()));
    for (final Incident child : records.major().children(parent.id())) {
      if (!ENDED.contains(child.state())) {
        comments.add(
            records.addJournalEntry(child.id(), JournalKind.COMMENT, message, source).id());
      }
    }
    // One mail per person (callers of parent and children, watchers) instead of one per comment.
    outbox.communicated(parent.id(), posted.id(), comments, agent, posted.createdAt());
    return comments.size();
  }

  /**
   * Links the incident numbered {@code childNumber} (one the agent may see) as a child of {@code
   * parent}; answers the child.
   *
   * @throws WorkspaceInputException at {@code child}: no such incident (or one the agent may not
   *     see), a closed one, or one that cannot be a child of this parent
   */
  @Transactional
  public Incident link(final Incident parent, final String childNumber, final Viewer agent) {
    final String number = childNumber == null ? "" : childNumber.strip();
    final Incident child =
        records
            .findByNumber(number)
            .filter(found -> access.permits(agent, found))
            .orElseThrow(
                () ->
                    WorkspaceInputException.of(
                        "child", "there is no incident " + (number.isEmpty() ? "given" : number)));
    if (ENDED.contains(child.state())) {
      throw WorkspaceInputException.of(
          "child", child.number() + " is " + child.state().name().toLowerCase());
    }
    try {
      records.major().link(parent, child, ChangeSource.person(agent.username()));
    } catch (IllegalArgumentException refused) {
      throw WorkspaceInputException.of("child", refused.getMessage());
    }
    return child;
  }
}
