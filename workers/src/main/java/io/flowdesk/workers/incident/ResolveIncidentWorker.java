package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.JobInputs;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:incident-resolve}: records the incident RESOLVED with the agent's
 * resolution code and notes. While the caller decides, the resolution SLA pauses as on hold: the
 * time left is kept for {@link ReopenIncidentWorker}.
 *
 * <p>A major incident's open children are resolved with it through their own "Resolve incident"
 * tasks ({@link MajorIncidentCascade}), so each child's own process records it and tells its
 * caller; a retried job resolves only those still open.
 *
 * <p>Inputs: {@code incidentId}, {@code resolutionCode}, {@code resolutionNotes}. Result: {@code
 * resolutionRemaining} (ISO-8601 duration).
 */
public class ResolveIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-resolve";

  private final Optional<MajorIncidentCascade> cascade;

  public ResolveIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    this(records, levels, clock, retryBackoff, null);
  }

  /**
   * @param cascade resolves a major incident's children; null leaves them alone
   */
  public ResolveIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff,
      final MajorIncidentCascade cascade) {
    super(records, levels, clock, retryBackoff);
    this.cascade = Optional.ofNullable(cascade);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"incidentId", "resolutionCode", "resolutionNotes"})
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::resolve);
  }

  /** Records the resolution and answers the resolution time left. */
  public Map<String, Object> resolve(final JobInputs inputs) {
    final Incident incident =
        records.change(
            IncidentJobs.incidentId(inputs),
            IncidentChange.of()
                .state(IncidentState.RESOLVED)
                .resolutionCode(inputs.text("resolutionCode"))
                .resolutionNotes(inputs.text("resolutionNotes")),
            IncidentJobs.source(inputs));
    cascade.ifPresent(children -> children.resolveChildrenOf(incident));
    final Duration remaining = resolutionRemaining(incident);
    return Map.of("resolutionRemaining", remaining.toString());
  }
}
