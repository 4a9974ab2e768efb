package io.flowdesk.app.security;

import java.time.Duration;

/**
 * What {@link LoginThrottle} counts failed sign-ins against, and how long each count delays the
 * next attempt: a few failures are free, then the delay starts at one second and doubles with each
 * further failure up to a cap. Counts are forgotten {@link #MEMORY} after their last failure.
 */
enum ThrottleRule {

  /**
   * One username from one client address: a guesser meets this first. Only this pair waits, so a
   * guesser elsewhere cannot keep the account's owner out.
   */
  PAIR(5, Duration.ofMinutes(5)),

  /**
   * One username from every address: guessing spread over many addresses. It must slow, never lock
   * the account, so it starts late, its delays stay short, and it spares addresses the account has
   * signed in from before.
   */
  ACCOUNT(50, Duration.ofSeconds(30)),

  /**
   * One address across usernames: one password tried against many accounts. It spares the usernames
   * that have signed in from that address before, so an office behind one NAT address (or an
   * installation that sees everyone as its proxy) keeps working while the address is slowed.
   */
  ADDRESS(30, Duration.ofMinutes(5));

  static final Duration MEMORY = Duration.ofHours(1);

  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

  private final int freeFailures;
  private final Duration maxDelay;

  ThrottleRule(final int freeFailures, final Duration maxDelay) {
    this.freeFailures = freeFailures;
    this.maxDelay = maxDelay;
  }

  /** How long after the last of so many failures the next attempt must wait. */
  Duration delayAfter(final int failures) {
    if (failures < freeFailures) {
      return Duration.ZERO;
    }
    // Well past the cap already; keeps the shift from overflowing.
    final int doublings = Math.min(failures - freeFailures, 30);
    final Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
  }
}
