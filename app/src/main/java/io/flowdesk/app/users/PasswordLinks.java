package io.flowdesk.app.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One-time password links in {@code flowdesk.password_link}: issued with 32 random bytes of which
 * only the SHA-256 is stored, valid for {@link #validity()}, used once, and superseded by the
 * person's next link.
 */
public class PasswordLinks {

  /** Why a link was made; the set-password page words itself after it. */
  public enum Purpose {
    /** A new account's first password. */
    SET,
    /** A forgotten password, or a reset an admin sent. */
    RESET
  }

  /** What a presented link is. */
  public sealed interface Check {
    record Usable(String username, Purpose purpose) implements Check {}

    /** Expired, used, superseded or unknown; {@code reason} is a sentence for the person. */
    record Refused(String reason) implements Check {}
  }

  static final String UNKNOWN = "This link is not valid. Check that you opened the whole link.";
  static final String EXPIRED = "This link has expired. Ask for a new one.";
  static final String USED = "This link has been used already; it works only once.";
  static final String SUPERSEDED = "A newer link was sent after this one; only the newest works.";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration validity;

  public PasswordLinks(final JdbcClient jdbc, final Clock clock, final Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("password links must be valid for a positive duration");
    }
    this.jdbc = jdbc;
    this.clock = clock;
    this.validity = validity;
  }

  public Duration validity() {
    return validity;
  }

  /** A new link's token for {@code username}; the person's earlier unused links stop working. */
  public String issue(final String username, final Purpose purpose) {
    final byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    final Instant now = clock.instant();
    jdbc.sql(
            "UPDATE flowdesk.password_link SET superseded_at = :now"
                + " WHERE username = :username AND used_at IS NULL AND superseded_at IS NULL")
        .param("username", username)
        .param("now", timestamp(now))
        .update();
    jdbc.sql(
            """
            INSERT INTO flowdesk.password_link
              (username, purpose, token_hash, created_at, expires_at)
            VALUES (:username, :purpose, :hash, :created, :expires)
            """)
        .param("username", username)
        .param("purpose", purpose.name())
        .param("hash", digest(token))
        .param("created", timestamp(now))
        .param("expires", timestamp(now.plus(validity)))
        .update();
    return token;
  }

  /** Whether the link can still be used, and whose it is; uses nothing. */
  public Check check(final String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return new Check.Refused(UNKNOWN);
    }
    final Instant now = clock.instant();
    return jdbc.sql(
            "SELECT username, purpose, expires_at, used_at, superseded_at"
                + " FROM flowdesk.password_link WHERE token_hash = :hash")
        .param("hash", digest(token))
        .query(
            (row, n) -> {
              if (row.getObject("used_at") != null) {
                return (Check) new Check.Refused(USED);
              }
              if (row.getObject("superseded_at") != null) {
                return new Check.Refused(SUPERSEDED);
              }
              if (!now.isBefore(row.getObject("expires_at", OffsetDateTime.class).toInstant())) {
                return new Check.Refused(EXPIRED);
              }
              return new Check.Usable(
                  row.getString("username"), Purpose.valueOf(row.getString("purpose")));
            })
        .optional()
        .orElse(new Check.Refused(UNKNOWN));
  }

  /**
   * Uses the link: answers whose it was, or empty when it is no longer usable (also when another
   * request used it a moment ago). Call inside the transaction that sets the password, so that a
   * failed change leaves the link usable.
   */
  public Optional<String> use(final String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    final Instant now = clock.instant();
    return jdbc.sql(
            """
            UPDATE flowdesk.password_link SET used_at = :now
             WHERE token_hash = :hash AND used_at IS NULL AND superseded_at IS NULL
               AND expires_at > :now
            RETURNING username
            """)
        .param("hash", digest(token))
        .param("now", timestamp(now))
        .query(String.class)
        .optional();
  }

  /** Ends every unused link of the person (their account was disabled). */
  public void supersedeAll(final String username) {
    jdbc.sql(
            "UPDATE flowdesk.password_link SET superseded_at = :now"
                + " WHERE username = :username AND used_at IS NULL AND superseded_at IS NULL")
        .param("username", username)
        .param("now", timestamp(clock.instant()))
        .update();
  }

  static byte[] digest(final String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
