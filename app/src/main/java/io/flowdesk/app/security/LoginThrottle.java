package io.flowdesk.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. Every failed sign-in counts against the username (known or not, so
 * a refusal says nothing about which accounts exist) and against the client address. After {@value
 * #FREE_FAILURES} failures within {@link #WINDOW} further attempts are refused, correct password or
 * not, for a delay that doubles with each further failure: 30 s, 1 min, 2 min … up to 15 min.
 *
 * <p>Kept in memory: a restart forgets the counts, and several servers count separately. A
 * successful sign-in clears the username's count but not the address's, so that an attacker cannot
 * reset the address count with an account of their own.
 */
public final class LoginThrottle {

  static final int FREE_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_DELAY = Duration.ofSeconds(30);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  // Beyond this many tracked names and addresses, stale ones are dropped at the next failure.
  private static final int PRUNE_ABOVE = 10_000;

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(final Clock clock) {
    this.clock = clock;
  }

  /**
   * How long this attempt must wait; empty when it may go ahead.
   *
   * @param clientAddress the client's IP address; null when unknown
   */
  public Optional<Duration> refusal(final String username, final String clientAddress) {
    final Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (final String key : keys(username, clientAddress)) {
      final Failures counted = failures.get(key);
      if (counted != null) {
        final Duration blocked = counted.blockedFor(now);
        if (blocked.compareTo(wait) > 0) {
          wait = blocked;
        }
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Counts a failed attempt (wrong password or unknown username). */
  public void failed(final String username, final String clientAddress) {
    final Instant now = clock.instant();
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(counted -> counted.isStale(now));
    }
    for (final String key : keys(username, clientAddress)) {
      failures.computeIfAbsent(key, k -> new Failures()).add(now);
    }
  }

  /** Forgets the username's failures after a successful sign-in. */
  public void succeeded(final String username) {
    failures.remove(userKey(username));
  }

  private static String[] keys(final String username, final String clientAddress) {
    return clientAddress == null || clientAddress.isBlank()
        ? new String[] {userKey(username)}
        : new String[] {userKey(username), "address:" + clientAddress};
  }

  private static String userKey(final String username) {
    return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
  }

  /** The recent failures of one username or address. */
  private static final class Failures {

    private final Deque<Instant> times = new ArrayDeque<>();

    synchronized void add(final Instant now) {
      prune(now);
      times.addLast(now);
    }

    synchronized Duration blockedFor(final Instant now) {
      prune(now);
      if (times.size() < FREE_FAILURES) {
        return Duration.ZERO;
      }
      final int beyond = Math.min(times.size() - FREE_FAILURES, 10);
      final Duration delay = min(FIRST_DELAY.multipliedBy(1L << beyond), MAX_DELAY);
      final Instant until = times.getLast().plus(delay);
      return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    synchronized boolean isStale(final Instant now) {
      prune(now);
      return times.isEmpty();
    }

    private void prune(final Instant now) {
      final Instant oldest = now.minus(WINDOW);
      while (!times.isEmpty() && times.getFirst().isBefore(oldest)) {
        times.removeFirst();
      }
    }

    private static Duration min(final Duration a, final Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
