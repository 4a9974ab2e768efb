package io.flowdesk.app.mfa;

import io.flowdesk.domain.directory.Directory;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Browsers a person chose to remember at sign-in ("remember this device"): such a browser holds a
 * random token in a cookie and skips the second factor for {@link #REMEMBER_FOR}. Only the token's
 * digest is stored, with a digest of the password hash of the moment: when the password changes (by
 * the person, a reset, an admin) every remembered device asks for a code again, without the code
 * that changes passwords having to know about devices.
 */
public class RememberedDevices {

  public static final Duration REMEMBER_FOR = Duration.ofDays(30);
  // Bounds the rows one person can make; a person has a handful of browsers.
  static final int MAX_PER_PERSON = 20;
  private static final int ID_BYTES = 9;
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_DESCRIPTION = 120;

  private final JdbcClient jdbc;
  private final Directory directory;
  private final Clock clock;

  public RememberedDevices(final JdbcClient jdbc, final Directory directory, final Clock clock) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.clock = clock;
  }

  /** A remembered browser as the person's page lists it. */
  public record Device(
      String id, String description, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

  /**
   * Remembers a browser for {@code username}.
   *
   * @param description what the browser says it is, to tell devices apart
   * @return the cookie value ({@code id.token}), the only copy of the token
   */
  public String remember(final String username, final String description) {
    final Instant now = clock.instant();
    final String id = text(Digests.randomBytes(ID_BYTES));
    final String token = text(Digests.randomBytes(TOKEN_BYTES));
    jdbc.sql(
            """
            DELETE FROM flowdesk.second_factor_device WHERE username = :username
               AND (expires_at <= :now OR id IN (
                 SELECT id FROM flowdesk.second_factor_device WHERE username = :username
                  ORDER BY created_at DESC OFFSET :keep))
            """)
        .param("username", username)
        .param("now", timestamp(now))
        .param("keep", MAX_PER_PERSON - 1)
        .update();
    jdbc.sql(
            """
            INSERT INTO flowdesk.second_factor_device
              (id, username, token_hash, password_digest, description, created_at, expires_at)
            VALUES (:id, :username, :hash, :password, :description, :now, :expires)
            """)
        .param("id", id)
        .param("username", username)
        .param("hash", Digests.sha256("device", id, token))
        .param("password", passwordDigest(username))
        .param("description", shortened(description))
        .param("now", timestamp(now))
        .param("expires", timestamp(now.plus(REMEMBER_FOR)))
        .update();
    return id + "." + token;
  }

  /** Whether the cookie value is a remembered, unexpired, unrevoked device of {@code username}. */
  public boolean recognises(final String username, final String cookieValue) {
    if (cookieValue == null) {
      return false;
    }
    final int dot = cookieValue.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    final String id = cookieValue.substring(0, dot);
    final String token = cookieValue.substring(dot + 1);
    final Instant now = clock.instant();
    final Optional<byte[][]> stored =
        jdbc.sql(
                """
                SELECT token_hash, password_digest FROM flowdesk.second_factor_device
                 WHERE id = :id AND username = :username AND expires_at > :now
                """)
            .param("id", id)
            .param("username", username)
            .param("now", timestamp(now))
            .query(
                (row, n) ->
                    new byte[][] {row.getBytes("token_hash"), row.getBytes("password_digest")})
            .optional();
    if (stored.isEmpty()
        || !MessageDigest.isEqual(stored.get()[0], Digests.sha256("device", id, token))
        || !MessageDigest.isEqual(stored.get()[1], passwordDigest(username))) {
      return false;
    }
    jdbc.sql("UPDATE flowdesk.second_factor_device SET last_used_at = :now WHERE id = :id")
        .param("now", timestamp(now))
        .param("id", id)
        .update();
    return true;
  }

  /** The person's unexpired remembered devices, newest first. */
  public List<Device> of(final String username) {
    return jdbc.sql(
            """
            SELECT id, description, created_at, expires_at, last_used_at
              FROM flowdesk.second_factor_device
             WHERE username = :username AND expires_at > :now ORDER BY created_at DESC
            """)
        .param("username", username)
        .param("now", timestamp(clock.instant()))
        .query(
            (row, n) ->
                new Device(
                    row.getString("id"),
                    row.getString("description"),
                    row.getObject("created_at", OffsetDateTime.class).toInstant(),
                    row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                    Optional.ofNullable(row.getObject("last_used_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null)))
        .list();
  }

  /** Forgets one of the person's devices; false if they have none by that id. */
  public boolean revoke(final String username, final String id) {
    return jdbc.sql(
                "DELETE FROM flowdesk.second_factor_device WHERE username = :username AND id = :id")
            .param("username", username)
            .param("id", id)
            .update()
        == 1;
  }

  /** Forgets every device of the person; answers how many there were. */
  public int revokeAll(final String username) {
    return jdbc.sql("DELETE FROM flowdesk.second_factor_device WHERE username = :username")
        .param("username", username)
        .update();
  }

  private byte[] passwordDigest(final String username) {
    return Digests.sha256("password", username, directory.passwordHash(username).orElse(""));
  }

  private static String shortened(final String description) {
    final String text =
        description == null || description.isBlank() ? "unknown browser" : description.strip();
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION - 1) + "…" : text;
  }

  private static String text(final byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
