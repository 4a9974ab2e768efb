package io.flowdesk.connectors;

import java.time.Duration;

/**
 * How often a connector tries one call and how long it waits in between: exponential back-off from
 * {@code initialDelay}, doubled per failed attempt and capped at {@code maxDelay}. A wait the peer
 * asked for (Retry-After) replaces the computed one; if it is longer than {@code maxDelay} the
 * connector stops trying and hands the wait to its caller instead of blocking a worker thread.
 *
 * @param maxAttempts attempts in total, at least 1 (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /** Three attempts, 200 ms then 400 ms apart, never waiting more than 10 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10));

  /** One attempt: failures go straight to the caller. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must be zero or positive");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay");
    }
  }

  /** Whether another attempt follows the given failed one (1-based). */
  public boolean allowsAnotherAttempt(final int failedAttempt) {
    return failedAttempt < maxAttempts;
  }

  /**
   * The wait before the attempt after {@code failedAttempt} (1-based).
   *
   * @param retryAfter the wait the peer asked for, or {@code null}
   */
  public Duration delayAfter(final int failedAttempt, final Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter;
    }
    final int doublings = Math.min(failedAttempt - 1, 30);
    final Duration exponential = initialDelay.multipliedBy(1L << doublings);
    return exponential.compareTo(maxDelay) > 0 ? maxDelay : exponential;
  }

  /** Whether the peer asked for a wait longer than this policy will block for. */
  public boolean exceedsMaxDelay(final Duration retryAfter) {
    return retryAfter != null && retryAfter.compareTo(maxDelay) > 0;
  }
}
