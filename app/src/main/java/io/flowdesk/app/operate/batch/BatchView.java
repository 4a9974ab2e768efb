package io.flowdesk.app.operate.batch;

import io.camunda.client.api.search.response.BatchOperation;
import java.time.OffsetDateTime;
import java.util.Locale;

/** A batch operation as the pages show it: what, its state, and how far it got. */
record BatchView(
    String key,
    String type,
    String state,
    OffsetDateTime started,
    OffsetDateTime ended,
    int total,
    int completed,
    int failed) {

  static BatchView of(final BatchOperation batch) {
    return new BatchView(
        batch.getBatchOperationKey(),
        words(String.valueOf(batch.getType())),
        String.valueOf(batch.getStatus()),
        batch.getStartDate(),
        batch.getEndDate(),
        zeroIfNull(batch.getOperationsTotalCount()),
        zeroIfNull(batch.getOperationsCompletedCount()),
        zeroIfNull(batch.getOperationsFailedCount()));
  }

  /** Processed items in percent (100 for a batch selecting nothing). */
  public int percent() {
    return total == 0 ? 100 : (int) Math.round(100.0 * (completed + failed) / total);
  }

  public boolean suspendable() {
    return "CREATED".equals(state) || "ACTIVE".equals(state);
  }

  public boolean resumable() {
    return "SUSPENDED".equals(state);
  }

  public boolean cancelable() {
    return suspendable() || resumable();
  }

  private static int zeroIfNull(final Integer count) {
    return count == null ? 0 : count;
  }

  /** {@code MIGRATE_PROCESS_INSTANCE} → {@code Migrate process instance}. */
  private static String words(final String type) {
    final String lower = type.toLowerCase(Locale.ROOT).replace('_', ' ');
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
