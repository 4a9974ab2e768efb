package io.flowdesk.app.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalKind;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The caller's answer to a resolution: confirm (the incident closes) or reopen (it goes back to the
 * agents). Published to the process as message {@code incident-caller-response} with the incident
 * number as correlation key; the process's workers change the record.
 */
@Service
public class CallerResponses {

  /** The message the incident process waits for after a resolution. */
  public static final String MESSAGE = "incident-caller-response";

  // Covers the moment between the record turning RESOLVED and the process reaching its wait.
  private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

  /** What the caller decided. */
  public enum Decision {
    CONFIRM("confirm"),
    REOPEN("reopen");

    private final String variable;

    Decision(final String variable) {
      this.variable = variable;
    }

    /** The value of the process variable {@code callerDecision}. */
    public String variable() {
      return variable;
    }
  }

  private final IncidentRecords records;
  private final CamundaClient client;

  CallerResponses(final IncidentRecords records, final CamundaClient client) {
    this.records = records;
    this.client = client;
  }

  /**
   * Sends the caller's decision, with an optional comment that is also added to the journal. The
   * same answer sent twice for the same version of the record (a double click) is sent once.
   *
   * @return false when this answer had already been sent
   * @throws AccessDeniedException the viewer is not the incident's caller
   * @throws IllegalTransitionException the incident is not RESOLVED
   */
  public boolean respond(
      final Viewer viewer, final Incident incident, final Decision decision, final String comment) {
    if (!viewer.username().equals(incident.caller())) {
      throw new AccessDeniedException("only the caller confirms or reopens " + incident.number());
    }
    if (incident.state() != IncidentState.RESOLVED) {
      throw new IllegalTransitionException(
          incident.number(),
          incident.state(),
          decision == Decision.CONFIRM ? IncidentState.CLOSED : IncidentState.IN_PROGRESS);
    }
    final String note = comment == null || comment.isBlank() ? null : comment.strip();
    try {
      publish(incident, decision, note);
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    } catch (ProblemException e) {
      if (e.code() == 409) {
        return false;
      }
      throw e;
    }
    if (note != null) {
      records.addJournalEntry(
          incident.id(),
          JournalKind.COMMENT,
          (decision == Decision.CONFIRM ? "Confirmed: " : "Reopened: ") + note,
          ChangeSource.person(viewer.username()));
    }
    return true;
  }

  private void publish(final Incident incident, final Decision decision, final String note) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("callerDecision", decision.variable());
    variables.put("callerComment", note);
    client
        .newPublishMessageCommand()
        .messageName(MESSAGE)
        .correlationKey(incident.number())
        // One answer per resolution: a second click on the same page version is a duplicate.
        .messageId(incident.number() + "-v" + incident.version())
        .timeToLive(TIME_TO_LIVE)
        .variables(variables)
        .send()
        .join();
  }
}
