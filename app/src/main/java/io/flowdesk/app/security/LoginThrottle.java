package io.flowdesk.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slows down password guessing without letting anyone lock others out. Every failed sign-in (wrong
 * password or unknown username alike, so a refusal says nothing about which accounts exist) counts
 * against three {@link ThrottleRule}s: the username from this client address, the username from
 * anywhere, and the address across usernames. While a count's delay runs, attempts it applies to
 * are refused, right password or not, without checking the password.
 *
 * <p>The username + address pair is always checked. The wider counts apply only to pairs that have
 * not signed in successfully within {@link #REMEMBER_SUCCESS}: guessing from elsewhere slows
 * strangers but not the account's owner at their usual place. A success clears its pair only, so
 * that an attacker cannot reset the wider counts with an account of their own.
 *
 * <p>The counts live in the app's schema ({@code flowdesk.sign_in_failure}, {@code
 * sign_in_success}), so every node on the database sees the same counts and a restart forgets
 * nothing. One statement per call (and, at most once a minute, a sweep of expired rows); times come
 * from this node's clock (nodes are expected to keep their clocks in sync).
 */
public final class LoginThrottle {

  static final Duration REMEMBER_SUCCESS = Duration.ofDays(30);
  // Expired rows are deleted at the next failure after this much time, by whichever node sees it.
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

  public LoginThrottle(final JdbcClient jdbc, final Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * How long this attempt must wait; empty when it may go ahead.
   *
   * @param clientAddress the client's IP address as the servlet container derived it; null when
   *     unknown
   */
  public Optional<Duration> refusal(final String username, final String clientAddress) {
    final Instant now = clock.instant();
    final Subjects subjects = new Subjects(username, clientAddress);
    final Map<ThrottleRule, Duration> waits = new EnumMap<>(ThrottleRule.class);
    boolean signedInHereBefore = false;
    for (final Counted counted :
        jdbc.sql(
                """
                SELECT subject, failures, last_failure FROM flowdesk.sign_in_failure
                 WHERE subject IN (:pair, :account, :address) AND forget_at > :now
                UNION ALL
                SELECT subject, 0, forget_at FROM flowdesk.sign_in_success
                 WHERE subject = :success AND forget_at > :now
                """)
            .param("pair", subjects.of(ThrottleRule.PAIR))
            .param("account", subjects.of(ThrottleRule.ACCOUNT))
            .param("address", subjects.of(ThrottleRule.ADDRESS))
            .param("success", subjects.success)
            .param("now", timestamp(now))
            .query(
                (row, n) ->
                    new Counted(
                        row.getBytes("subject"),
                        row.getInt("failures"),
                        row.getObject("last_failure", OffsetDateTime.class).toInstant()))
            .list()) {
      if (Arrays.equals(counted.subject, subjects.success)) {
        signedInHereBefore = true;
      } else {
        final ThrottleRule rule = subjects.ruleOf(counted.subject);
        final Instant until = counted.lastFailure.plus(rule.delayAfter(counted.failures));
        waits.put(rule, until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
      }
    }
    if (signedInHereBefore) {
      waits.keySet().retainAll(List.of(ThrottleRule.PAIR));
    }
    return waits.values().stream().filter(wait -> !wait.isZero()).max(Duration::compareTo);
  }

  /** Counts a failed attempt (wrong password, unknown or disabled username). */
  public void failed(final String username, final String clientAddress) {
    final Instant now = clock.instant();
    final Subjects subjects = new Subjects(username, clientAddress);
    // One row per rule, always in the same order, so that concurrent failures cannot deadlock.
    jdbc.sql(
            """
            INSERT INTO flowdesk.sign_in_failure AS f (subject, failures, last_failure, forget_at)
            VALUES (:pair, 1, :now, :forget), (:account, 1, :now, :forget),
                   (:address, 1, :now, :forget)
            ON CONFLICT (subject) DO UPDATE SET
              failures = CASE WHEN f.forget_at <= EXCLUDED.last_failure THEN 1
                              ELSE f.failures + 1 END,
              last_failure = GREATEST(f.last_failure, EXCLUDED.last_failure),
              forget_at = GREATEST(f.forget_at, EXCLUDED.forget_at)
            """)
        .param("pair", subjects.of(ThrottleRule.PAIR))
        .param("account", subjects.of(ThrottleRule.ACCOUNT))
        .param("address", subjects.of(ThrottleRule.ADDRESS))
        .param("now", timestamp(now))
        .param("forget", timestamp(now.plus(ThrottleRule.MEMORY)))
        .update();
    sweepIfDue(now);
  }

  /**
   * Clears the pair's failures after a successful sign-in and remembers that this username signs in
   * from this address.
   */
  public void succeeded(final String username, final String clientAddress) {
    final Instant now = clock.instant();
    final Subjects subjects = new Subjects(username, clientAddress);
    // API clients succeed on every call: the remembered pair is rewritten at most once a day.
    jdbc.sql(
            """
            WITH cleared AS (DELETE FROM flowdesk.sign_in_failure WHERE subject = :pair)
            INSERT INTO flowdesk.sign_in_success AS s (subject, forget_at) VALUES (:success, :forget)
            ON CONFLICT (subject) DO UPDATE SET forget_at = EXCLUDED.forget_at
             WHERE s.forget_at < EXCLUDED.forget_at - INTERVAL '1 day'
            """)
        .param("pair", subjects.of(ThrottleRule.PAIR))
        .param("success", subjects.success)
        .param("forget", timestamp(now.plus(REMEMBER_SUCCESS)))
        .update();
  }

  /**
   * Forgets the failures counted against the username from anywhere (a person's erasure). Counts of
   * the username together with an address are digests of both and cannot be found without the
   * address; they expire within {@link ThrottleRule#MEMORY}.
   */
  public void forget(final String username) {
    jdbc.sql("DELETE FROM flowdesk.sign_in_failure WHERE subject = :account")
        .param("account", new Subjects(username, null).of(ThrottleRule.ACCOUNT))
        .update();
  }

  private void sweepIfDue(final Instant now) {
    final Instant due = nextSweep.get();
    if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
      return;
    }
    jdbc.sql(
            """
            WITH failures AS (DELETE FROM flowdesk.sign_in_failure WHERE forget_at <= :now)
            DELETE FROM flowdesk.sign_in_success WHERE forget_at <= :now
            """)
        .param("now", timestamp(now))
        .update();
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private record Counted(byte[] subject, int failures, Instant lastFailure) {}

  /**
   * The digests an attempt is counted under. Digests rather than names: rows have a fixed size
   * whatever is typed, and a password typed into the username field is not kept readable.
   */
  private static final class Subjects {

    private final Map<ThrottleRule, byte[]> counted = new EnumMap<>(ThrottleRule.class);
    private final byte[] success;

    Subjects(final String username, final String clientAddress) {
      final String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
      final String address = clientAddress == null ? "unknown" : clientAddress;
      counted.put(ThrottleRule.PAIR, digest("pair", name, address));
      counted.put(ThrottleRule.ACCOUNT, digest("account", name));
      counted.put(ThrottleRule.ADDRESS, digest("address", address));
      success = digest("success", name, address);
    }

    byte[] of(final ThrottleRule rule) {
      return counted.get(rule);
    }

    ThrottleRule ruleOf(final byte[] subject) {
      return counted.entrySet().stream()
          .filter(entry -> Arrays.equals(entry.getValue(), subject))
          .findFirst()
          .orElseThrow()
          .getKey();
    }

    private static byte[] digest(final String... parts) {
      try {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (final String part : parts) {
          // NUL-separated: addresses never contain one, so no two tuples share a digest input.
          sha256.update(part.getBytes(StandardCharsets.UTF_8));
          sha256.update((byte) 0);
        }
        return sha256.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }
}
