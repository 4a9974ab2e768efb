package io.flowdesk.app.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentState;
import io.grpc.Status;
import java.time.Duration;
import org.springframework.stereotype.Service;

/**
 * Takes an incident off hold: message {@code incident-resume} to its process, whose worker moves
 * the record back to In progress and re-targets the paused resolution SLA.
 */
@Service
public class HoldResumption {

  /** The message the incident process waits for while the incident is on hold. */
  public static final String MESSAGE = "incident-resume";

  // Covers the moment between the record turning ON_HOLD and the process reaching its wait.
  private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

  private final CamundaClient client;

  HoldResumption(final CamundaClient client) {
    this.client = client;
  }

  /**
   * @return false when this resumption had already been sent (a double click)
   * @throws IllegalTransitionException the incident is not on hold
   */
  public boolean resume(final Incident incident) {
    if (incident.state() != IncidentState.ON_HOLD) {
      throw new IllegalTransitionException(
          incident.number(), incident.state(), IncidentState.IN_PROGRESS);
    }
    try {
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE)
          .correlationKey(incident.number())
          .messageId(incident.number() + "-resume-v" + incident.version())
          .timeToLive(TIME_TO_LIVE)
          .send()
          .join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    } catch (ClientHttpException e) {
      if (e.code() == 409) {
        return false;
      }
      throw e;
    }
  }
}
