package io.flowdesk.app.record;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Makes a request that creates something (a report, a comment) happen once per key: a double click,
 * a resent form or a retried API call with the same key answers the first result. Keys are a
 * person's own (two people may pick the same) and kept per scope ("report", "comment:INC…") in
 * table {@code flowdesk.idempotency_key}, so every node of a cluster sees them; they expire after
 * {@value #HOURS_KEPT} hours. A request without a key is simply done.
 */
@Component
public class IdempotencyKeys {

  /** The API's request header that carries a client's key. */
  public static final String HEADER = "Idempotency-Key";

  /** The scope of reports through the API. */
  public static final String REPORTS = "report";

  /** The scope of changes raised, through the API or the raise form. */
  public static final String CHANGES = "change";

  /** The scope of problems raised, through the API or the problem form. */
  public static final String PROBLEMS = "problem";

  static final int HOURS_KEPT = 24;
  static final int MAX_KEY_LENGTH = 200;

  private final JdbcClient jdbc;

  /** The scope of the portal's orders of one catalog item (reports of an issue included). */
  public static String orders(final String processId) {
    return "order:" + processId;
  }

  /** The scope of the comments and work notes on one record (INC…, REQ…). */
  public static String comments(final String number) {
    return "comment:" + number;
  }

  IdempotencyKeys(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Forgets every key of {@code username} (a person's erasure). */
  public void forget(final String username) {
    jdbc.sql("DELETE FROM flowdesk.idempotency_key WHERE username = :username")
        .param("username", username)
        .update();
  }

  /**
   * The result of the first request with this key, or {@code action}'s, which is then kept. If the
   * action fails, the key is given up, so the same request may be tried again.
   *
   * @throws IllegalArgumentException for a key longer than {@value #MAX_KEY_LENGTH} characters
   * @throws ResponseStatusException 409 while the first request with this key is still running
   */
  public String once(
      final String username, final String scope, final String key, final Supplier<String> action) {
    if (key == null || key.isBlank()) {
      return action.get();
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an idempotency key may have at most " + MAX_KEY_LENGTH + " characters");
    }
    jdbc.sql(
            "DELETE FROM flowdesk.idempotency_key"
                + " WHERE created_at < now() - make_interval(hours => :hours)")
        .param("hours", HOURS_KEPT)
        .update();
    final int claimed =
        jdbc.sql(
                "INSERT INTO flowdesk.idempotency_key (username, scope, key)"
                    + " VALUES (:username, :scope, :key) ON CONFLICT DO NOTHING")
            .param("username", username)
            .param("scope", scope)
            .param("key", key)
            .update();
    if (claimed == 0) {
      return firstResult(username, scope, key);
    }
    final String result;
    try {
      result = action.get();
    } catch (RuntimeException | Error failed) {
      forget(username, scope, key);
      throw failed;
    }
    jdbc.sql(
            "UPDATE flowdesk.idempotency_key SET result = :result"
                + " WHERE username = :username AND scope = :scope AND key = :key")
        .param("result", result)
        .param("username", username)
        .param("scope", scope)
        .param("key", key)
        .update();
    return result;
  }

  private String firstResult(final String username, final String scope, final String key) {
    final Optional<String> result =
        jdbc.sql(
                "SELECT coalesce(result, '') FROM flowdesk.idempotency_key"
                    + " WHERE username = :username AND scope = :scope AND key = :key")
            .param("username", username)
            .param("scope", scope)
            .param("key", key)
            .query(String.class)
            .optional();
    if (result.isEmpty() || result.get().isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "The same request (idempotency key "
              + key
              + ") is still being processed; try again in a moment.");
    }
    return result.get();
  }

  private void forget(final String username, final String scope, final String key) {
    jdbc.sql(
            "DELETE FROM flowdesk.idempotency_key"
                + " WHERE username = :username AND scope = :scope AND key = :key")
        .param("username", username)
        .param("scope", scope)
        .param("key", key)
        .update();
  }
}
