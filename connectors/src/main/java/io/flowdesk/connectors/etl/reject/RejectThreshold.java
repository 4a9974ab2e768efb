package io.flowdesk.connectors.etl.reject;

import io.flowdesk.connectors.etl.EtlException;
import java.util.Locale;

/**
 * How many rejects a run tolerates before it fails. A count limit is checked as rows are read, so
 * the run stops at the first reject too many; a percentage limit is checked once the source is
 * exhausted, before anything is written to the target.
 *
 * @param maxCount most rejects allowed, or {@link Long#MAX_VALUE}
 * @param maxPercent most rejects allowed as a percentage of rows read, or 100
 */
public record RejectThreshold(long maxCount, double maxPercent) {

  public RejectThreshold {
    if (maxCount < 0 || maxPercent < 0 || maxPercent > 100) {
      throw new IllegalArgumentException("reject limits must be >= 0 and percentages <= 100");
    }
  }

  /** The first reject fails the run. */
  public static RejectThreshold none() {
    return new RejectThreshold(0, 100);
  }

  public static RejectThreshold atMost(final long count) {
    return new RejectThreshold(count, 100);
  }

  public static RejectThreshold atMostPercent(final double percent) {
    return new RejectThreshold(Long.MAX_VALUE, percent);
  }

  public static RejectThreshold unlimited() {
    return new RejectThreshold(Long.MAX_VALUE, 100);
  }

  /**
   * Fails when {@code rejected} exceeds the count limit.
   *
   * @param first the first reject, quoted in the error
   */
  public void checkCount(final long rejected, final Reject first, final RejectSink sink) {
    if (rejected > maxCount) {
      throw new EtlException(
          String.format(
              Locale.ROOT,
              "Too many rejected rows: %d, more than the %d allowed; first at line %d: %s."
                  + " Rejects were written to %s",
              rejected,
              maxCount,
              first.line(),
              first.reason(),
              sink.describe()));
    }
  }

  /** Fails when {@code rejected} of {@code read} rows exceeds the percentage limit. */
  public void checkPercent(
      final long rejected, final long read, final Reject first, final RejectSink sink) {
    if (read == 0 || rejected == 0) {
      return;
    }
    final double percent = 100.0 * rejected / read;
    if (percent > maxPercent) {
      throw new EtlException(
          String.format(
              Locale.ROOT,
              "Too many rejected rows: %d of %d (%.1f %%), more than the %.1f %% allowed;"
                  + " first at line %d: %s. Rejects were written to %s",
              rejected,
              read,
              percent,
              maxPercent,
              first.line(),
              first.reason(),
              sink.describe()));
    }
  }
}
