package io.flowdesk.app.change;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.cmdb.ImpactedServices;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.record.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Raises a change: records it first (CHG…, state New), then starts the latest version of its type's
 * model ({@code change-standard}, {@code change-normal}, {@code change-emergency}) with the start
 * variables the models take (processes/README.md "Change models"), among them {@code
 * serviceCriticality}, the highest criticality of the business services the affected CIs impact
 * (from the CMDB), and stores the process instance key on the record.
 *
 * <p>Its conflicts are detected and stored right after it is recorded.
 *
 * <p>The record is committed before the process starts, so the change workers find it as soon as
 * they run. If the process does not start, the change is canceled at once (audited, with a comment
 * saying why), so no change claims to be under way, and the caller gets an error.
 */
@Service
public class ChangeRaising {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeRaising.class);

  private final ChangeRecords records;
  private final CamundaClient client;
  private final ImpactedServices impactedServices;
  private final ChangeConflicts conflicts;
  private final Clock clock;

  ChangeRaising(
      final ChangeRecords records,
      final ChangeConflicts conflicts,
      final CamundaClient client,
      final ImpactedServices impactedServices,
      final Clock clock) {
    this.records = records;
    this.conflicts = conflicts;
    this.client = client;
    this.impactedServices = impactedServices;
    this.clock = clock;
  }

  /** The process id of the model that runs changes of the change's type. */
  static String processId(final Change change) {
    return "change-" + change.type().name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param change complete; {@code requestedBy} is who raises it
   * @throws IllegalArgumentException naming the field the change record refuses
   * @throws ProcessNotStartedException the process did not start; the change was canceled
   */
  public Change raise(final NewChange change) {
    final Actor actor = Actor.person(change.requestedBy());
    final Change recorded = records.raise(change, actor);
    detectConflicts(recorded, actor);
    final long processInstanceKey;
    try {
      processInstanceKey = start(recorded);
    } catch (RuntimeException startFailed) {
      withdraw(recorded, actor, startFailed);
      throw new ProcessNotStartedException(recorded.number(), processId(recorded), startFailed);
    }
    return records.started(recorded.id(), processInstanceKey, actor);
  }

  // Conflicts are checked as the change is raised, so whoever authorizes it sees them. A failed
  // check must not stop the change: it is logged, and "Check conflicts" runs it again.
  private void detectConflicts(final Change change, final Actor actor) {
    try {
      conflicts.detect(change.id(), actor);
    } catch (RuntimeException checkFailed) {
      LOG.error("Conflicts of change {} could not be checked", change.number(), checkFailed);
    }
  }

  private long start(final Change change) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("changeNumber", change.number());
    variables.put("shortDescription", change.shortDescription());
    variables.put("requestedBy", change.requestedBy());
    variables.put("assignmentGroup", change.assignmentGroup());
    if (change.implementer() != null) {
      variables.put("implementer", change.implementer());
    }
    variables.put("plannedStart", offsetTime(change.plannedStart()));
    variables.put("plannedEnd", offsetTime(change.plannedEnd()));
    // The risk DMN weighs the most critical business service the affected CIs impact.
    impactedServices
        .highestCriticality(change.affectedCis().stream().map(AffectedCi::ciId).toList())
        .ifPresent(
            criticality ->
                variables.put("serviceCriticality", criticality.name().toLowerCase(Locale.ROOT)));
    final long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId(change))
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    LOG.info(
        "Change {} raised by {}: process {} instance {}",
        change.number(),
        change.requestedBy(),
        processId(change),
        key);
    return key;
  }

  // The models' timers read ISO-8601 date-times with an offset.
  private String offsetTime(final Instant instant) {
    return OffsetDateTime.ofInstant(instant, clock.getZone()).toString();
  }

  private void withdraw(final Change change, final Actor actor, final RuntimeException cause) {
    LOG.error(
        "Process {} did not start for change {}; canceling the record",
        processId(change),
        change.number(),
        cause);
    try {
      records.moveTo(
          change.id(),
          ChangeState.CANCELED,
          null,
          "This change could not be started and was canceled; nothing was done. Please raise it"
              + " again.",
          actor);
    } catch (RuntimeException cancelFailed) {
      cause.addSuppressed(cancelFailed);
    }
  }
}
