package io.flowdesk.app.apitoken;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal API tokens in {@code flowdesk.personal_api_token}: issuing (the secret is returned once
 * and only its digest kept), listing, revoking, and checking a presented token.
 */
public class PersonalTokens {

  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
  public static final Duration MAX_VALIDITY = Duration.ofDays(365);
  public static final int MAX_NAME_LENGTH = 100;
  // Bounds the rows (and rate-limit buckets) one person can make; far more than anyone needs.
  static final int MAX_ACTIVE_PER_PERSON = 50;
  // last_used_at is a hint for people, not an audit log: one write a minute per token is enough.
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private static final String COLUMNS =
      "id, owner, name, scopes, created_at, expires_at, last_used_at, revoked_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  public PersonalTokens(final JdbcClient jdbc, final Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new token and the only copy of its text. */
  public record Issued(PersonalToken token, String text) {
    @Override
    public String toString() {
      return "Issued[" + token + "]";
    }
  }

  /** The outcome of checking a presented token. */
  public sealed interface Check {
    /** The token is known, unexpired and not revoked. */
    record Accepted(PersonalToken token) implements Check {}

    /** Why not: "unknown token", "token expired", "token revoked". */
    record Refused(String reason) implements Check {}
  }

  /**
   * Issues a token for {@code owner}.
   *
   * @throws IllegalArgumentException naming what is wrong with the request
   */
  public Issued issue(
      final String owner,
      final String name,
      final Set<TokenScope> scopes,
      final Duration validity) {
    final String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Give the token a name of 1 to " + MAX_NAME_LENGTH + " characters.");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("Choose at least one scope (read, write).");
    }
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException(
          "A token expires after 1 to " + MAX_VALIDITY.toDays() + " days.");
    }
    final Instant now = clock.instant();
    if (activeCount(owner, now) >= MAX_ACTIVE_PER_PERSON) {
      throw new IllegalArgumentException(
          "You have "
              + MAX_ACTIVE_PER_PERSON
              + " active tokens already; revoke one you no longer use first.");
    }
    final TokenSecret secret = TokenSecret.generate();
    final PersonalToken token =
        new PersonalToken(secret.id(), owner, trimmed, scopes, now, now.plus(validity), null, null);
    jdbc.sql(
            """
            INSERT INTO flowdesk.personal_api_token
              (id, owner, name, scopes, secret_hash, created_at, expires_at)
            VALUES (:id, :owner, :name, :scopes, :hash, :created, :expires)
            """)
        .param("id", token.id())
        .param("owner", owner)
        .param("name", trimmed)
        .param("scopes", token.scopeLabels())
        .param("hash", secret.digest())
        .param("created", timestamp(token.createdAt()))
        .param("expires", timestamp(token.expiresAt()))
        .update();
    return new Issued(token, secret.text());
  }

  /** A person's tokens, newest first, revoked and expired ones included. */
  public List<PersonalToken> ownedBy(final String owner) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM flowdesk.personal_api_token WHERE owner = :owner"
                + " ORDER BY created_at DESC, id")
        .param("owner", owner)
        .query(PersonalTokens::token)
        .list();
  }

  /** The token with this id, revoked or not. */
  public Optional<PersonalToken> find(final String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM flowdesk.personal_api_token WHERE id = :id")
        .param("id", id)
        .query(PersonalTokens::token)
        .optional();
  }

  /** Everyone's tokens, by owner and newest first (for admins). */
  public List<PersonalToken> all() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM flowdesk.personal_api_token ORDER BY owner, created_at DESC, id")
        .query(PersonalTokens::token)
        .list();
  }

  /**
   * Revokes a token of {@code owner}; false when {@code owner} has no unrevoked token by that id
   * (someone else's token is treated like an unknown one).
   */
  public boolean revokeOwn(final String id, final String owner) {
    return jdbc.sql(
                """
                UPDATE flowdesk.personal_api_token SET revoked_at = :now, revoked_by = :owner
                 WHERE id = :id AND owner = :owner AND revoked_at IS NULL
                """)
            .param("id", id)
            .param("owner", owner)
            .param("now", timestamp(clock.instant()))
            .update()
        == 1;
  }

  /** Revokes anyone's token (admins); false when there is no unrevoked token by that id. */
  public boolean revokeAny(final String id, final String admin) {
    return jdbc.sql(
                """
                UPDATE flowdesk.personal_api_token SET revoked_at = :now, revoked_by = :admin
                 WHERE id = :id AND revoked_at IS NULL
                """)
            .param("id", id)
            .param("admin", admin)
            .param("now", timestamp(clock.instant()))
            .update()
        == 1;
  }

  /** Deletes every token of {@code owner}, used or not (a person's erasure); answers how many. */
  public int deleteAllOf(final String owner) {
    return jdbc.sql("DELETE FROM flowdesk.personal_api_token WHERE owner = :owner")
        .param("owner", owner)
        .update();
  }

  /**
   * Names {@code pseudonym} instead of {@code revoker} as whoever revoked other people's tokens (a
   * person's erasure: the fact stays, their username goes); answers how many.
   */
  public int renameRevoker(final String revoker, final String pseudonym) {
    return jdbc.sql(
            "UPDATE flowdesk.personal_api_token SET revoked_by = :pseudonym"
                + " WHERE revoked_by = :revoker")
        .param("revoker", revoker)
        .param("pseudonym", pseudonym)
        .update();
  }

  /**
   * Checks a presented token and, when it is accepted, notes its use (at most once a minute). A
   * malformed token, an unknown id and a wrong secret all read "unknown token".
   */
  public Check check(final String presented) {
    final Optional<TokenSecret> parsed = TokenSecret.parse(presented);
    if (parsed.isEmpty()) {
      return new Check.Refused("unknown token");
    }
    final Optional<Stored> stored =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + ", secret_hash FROM flowdesk.personal_api_token WHERE id = :id")
            .param("id", parsed.get().id())
            .query((row, n) -> new Stored(token(row, n), row.getBytes("secret_hash")))
            .optional();
    if (stored.isEmpty() || !parsed.get().matches(stored.get().secretHash())) {
      return new Check.Refused("unknown token");
    }
    final PersonalToken token = stored.get().token();
    final Instant now = clock.instant();
    if (token.isRevoked()) {
      return new Check.Refused("token revoked");
    }
    if (token.isExpiredAt(now)) {
      return new Check.Refused("token expired");
    }
    noteUse(token, now);
    return new Check.Accepted(token);
  }

  private void noteUse(final PersonalToken token, final Instant now) {
    final Instant staleBefore = now.minus(LAST_USED_PRECISION);
    if (token.lastUsedAt() != null && token.lastUsedAt().isAfter(staleBefore)) {
      return;
    }
    // The condition again in SQL: nodes (and threads) that read the same old value write once.
    jdbc.sql(
            """
            UPDATE flowdesk.personal_api_token SET last_used_at = :now
             WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :stale)
            """)
        .param("id", token.id())
        .param("now", timestamp(now))
        .param("stale", timestamp(staleBefore))
        .update();
  }

  private int activeCount(final String owner, final Instant now) {
    return jdbc.sql(
            """
            SELECT count(*) FROM flowdesk.personal_api_token
             WHERE owner = :owner AND revoked_at IS NULL AND expires_at > :now
            """)
        .param("owner", owner)
        .param("now", timestamp(now))
        .query(Integer.class)
        .single();
  }

  private record Stored(PersonalToken token, byte[] secretHash) {}

  private static PersonalToken token(final ResultSet row, final int n) throws SQLException {
    final Set<TokenScope> scopes =
        Arrays.stream(row.getString("scopes").split(" "))
            .map(TokenScope::ofLabel)
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(TokenScope.class)));
    return new PersonalToken(
        row.getString("id"),
        row.getString("owner"),
        row.getString("name"),
        scopes,
        instant(row, "created_at"),
        instant(row, "expires_at"),
        instant(row, "last_used_at"),
        instant(row, "revoked_at"));
  }

  private static Instant instant(final ResultSet row, final String column) throws SQLException {
    final OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
