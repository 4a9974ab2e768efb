package io.flowdesk.app.change.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The secret feed URLs of the change calendar ({@code flowdesk.calendar_feed}): one per person, a
 * token of 32 random bytes of which only the SHA-256 is stored, so the database alone never gives a
 * working URL. Generating again replaces the token (the old URL stops working); revoking ends it.
 */
@Component
public class CalendarFeeds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;

  /** A person's feed as their calendar page shows it (never the token). */
  public record Feed(String owner, Instant createdAt, Instant revokedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  CalendarFeeds(final JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** A new token for {@code owner}, replacing any earlier one; the only time it is readable. */
  @Transactional
  public String generate(final String owner) {
    final byte[] secret = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(secret);
    final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    jdbc.sql(
            """
            INSERT INTO flowdesk.calendar_feed (owner, token_hash, created_at)
            VALUES (:owner, :hash, :at)
            ON CONFLICT (owner) DO UPDATE SET token_hash = EXCLUDED.token_hash,
              created_at = EXCLUDED.created_at, revoked_at = NULL
            """)
        .param("owner", owner)
        .param("hash", digest(token))
        .param("at", Timestamp.from(clock.instant()))
        .update();
    return token;
  }

  /** Ends {@code owner}'s feed: its URL answers 404 from now on. */
  public void revoke(final String owner) {
    jdbc.sql(
            "UPDATE flowdesk.calendar_feed SET revoked_at = :at"
                + " WHERE owner = :owner AND revoked_at IS NULL")
        .param("at", Timestamp.from(clock.instant()))
        .param("owner", owner)
        .update();
  }

  public Optional<Feed> of(final String owner) {
    return jdbc.sql(
            "SELECT owner, created_at, revoked_at FROM flowdesk.calendar_feed WHERE owner = :owner")
        .param("owner", owner)
        .query(
            (row, n) ->
                new Feed(
                    row.getString("owner"),
                    row.getTimestamp("created_at").toInstant(),
                    row.getTimestamp("revoked_at") == null
                        ? null
                        : row.getTimestamp("revoked_at").toInstant()))
        .optional();
  }

  /** Whose active feed {@code token} opens; empty for an unknown or revoked token. */
  public Optional<String> ownerOf(final String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT owner FROM flowdesk.calendar_feed"
                + " WHERE token_hash = :hash AND revoked_at IS NULL")
        .param("hash", digest(token))
        .query(String.class)
        .optional();
  }

  private static byte[] digest(final String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
