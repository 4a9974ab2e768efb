package io.flowdesk.app.passwordchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Accounts that must choose their own password before they may do anything else: their current one
 * was chosen by somebody else and may be known to others (the first administrator's from {@code
 * FLOWDESK_ADMIN_PASSWORD}). Lifted by any new password the person sets, on the account page or
 * through a one-time link.
 */
@Service
public class RequiredPasswordChanges {

  /** Why the first administrator from the environment must change the password. */
  public static final String FROM_ENVIRONMENT =
      "This password was given in FLOWDESK_ADMIN_PASSWORD, which others may read: choose your own.";

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  RequiredPasswordChanges(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds {@code username} to the change-password page until a new password is set. */
  public void require(final String username, final String reason) {
    jdbc.sql(
            """
            INSERT INTO flowdesk.password_change_required (username, reason, created_at)
            VALUES (:username, :reason, :now)
            ON CONFLICT (username) DO UPDATE SET reason = EXCLUDED.reason
            """)
        .param("username", username)
        .param("reason", reason)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /** Why {@code username} must change the password first; empty when they need not. */
  public Optional<String> reason(final String username) {
    return jdbc.sql("SELECT reason FROM flowdesk.password_change_required WHERE username = ?")
        .param(username)
        .query(String.class)
        .optional();
  }

  /** The person set a password of their own. */
  public void satisfied(final String username) {
    jdbc.sql("DELETE FROM flowdesk.password_change_required WHERE username = ?")
        .param(username)
        .update();
  }
}
