package io.flowdesk.engine.metrics;

import io.flowdesk.engine.state.PendingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the monitoring events out of committed record-log entries: the log already says, in one
 * place, everything the metrics count, whichever command, timer or poll wrote it.
 */
public final class RecordMetrics {

  private final EngineMetrics metrics;

  public RecordMetrics(final EngineMetrics metrics) {
    this.metrics = metrics;
  }

  /** Tells the metrics of {@code records}, committed at {@code committedAt}. */
  public void committed(final List<PendingRecord> records, final Instant committedAt) {
    for (final PendingRecord record : records) {
      try {
        tell(record, committedAt);
      } catch (RuntimeException e) {
        // Monitoring must never undo or disturb the work it watches.
      }
    }
  }

  private void tell(final PendingRecord record, final Instant committedAt) {
    switch (record.valueType()) {
      case "PROCESS_INSTANCE" -> processInstance(record);
      case "JOB" -> job(record);
      case "TIMER" -> {
        if ("TRIGGERED".equals(record.intent())
            && record.payload().get("dueDate") instanceof Number due) {
          final Duration lateness =
              Duration.between(Instant.ofEpochMilli(due.longValue()), committedAt);
          metrics.timerTriggered(lateness.isNegative() ? Duration.ZERO : lateness);
        }
      }
      case "PROCESS_MESSAGE_SUBSCRIPTION" -> {
        if ("CORRELATED".equals(record.intent())) {
          metrics.messageCorrelated(text(record, "messageName"));
        }
      }
      default -> {}
    }
  }

  private void processInstance(final PendingRecord record) {
    if (!"PROCESS".equals(record.payload().get("bpmnElementType"))) {
      return;
    }
    final String processId = text(record, "bpmnProcessId");
    switch (record.intent()) {
      case "ELEMENT_ACTIVATING" -> metrics.processInstanceCreated(processId);
      case "ELEMENT_COMPLETED" -> metrics.processInstanceCompleted(processId);
      default -> {}
    }
  }

  private void job(final PendingRecord record) {
    final String type = text(record, "type");
    switch (record.intent()) {
      case "ACTIVATED" -> metrics.jobActivated(type);
      case "COMPLETED" -> metrics.jobCompleted(type);
      case "FAILED" -> metrics.jobFailed(type);
      default -> {}
    }
  }

  private static String text(final PendingRecord record, final String field) {
    final Object value = record.payload().get(field);
    return value == null ? "" : value.toString();
  }
}
