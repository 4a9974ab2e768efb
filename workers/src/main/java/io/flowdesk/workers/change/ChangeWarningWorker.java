package io.flowdesk.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:change-warning}: a work note on the change of {@code changeNumber} when
 * its model's timers find it late. Header (or variable) {@code warning}: {@code not-authorized}
 * (the planned start came before the authorization) or {@code overdue} (the planned end passed
 * during implementation). A work note, since it is for the people running the change; once per job.
 * No result variables.
 */
public class ChangeWarningWorker {

  public static final String TYPE = "flowdesk:change-warning";

  private final ChangeRecords records;
  private final JobOutcomes outcomes;

  public ChangeWarningWorker(final ChangeRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("change", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ChangeJobs.NUMBER, "warning"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::warn);
  }

  public Map<String, Object> warn(final JobInputs inputs) {
    final Warning warning =
        ChangeJobs.coded(
            inputs,
            "warning",
            code ->
                switch (code) {
                  case "not-authorized" -> Optional.of(Warning.NOT_AUTHORIZED);
                  case "overdue" -> Optional.of(Warning.OVERDUE);
                  default -> Optional.empty();
                },
            "not-authorized, overdue");
    final Change change = ChangeJobs.change(records, inputs);
    records.addJournalEntry(
        change.id(), JournalKind.WORK_NOTE, warning.text(change), Actor.job(inputs.jobKey()));
    return Map.of();
  }

  private enum Warning {
    NOT_AUTHORIZED {
      @Override
      String text(final Change change) {
        return "Warning: the planned start "
            + change.plannedStart()
            + " has come and "
            + change.number()
            + " is not authorized yet. It is not implemented before it is authorized.";
      }
    },
    OVERDUE {
      @Override
      String text(final Change change) {
        return "Warning: the planned end "
            + change.plannedEnd()
            + " has passed and the implementation of "
            + change.number()
            + " is not finished.";
      }
    };

    abstract String text(Change change);
  }
}
