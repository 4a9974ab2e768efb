package io.flowdesk.app.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounds "Forgot password?": at most {@link #PER_ADDRESS} requests an hour from one client address
 * and {@link #PER_ACCOUNT} links an hour for one account (however it was named), so that nobody
 * floods a mailbox or the mail server. Over the limit the request is answered as always but nothing
 * is sent. Counts live in the database ({@code flowdesk.password_reset_request}, subjects hashed),
 * shared by every node.
 */
public class PasswordResetThrottle {

  static final int PER_ADDRESS = 10;
  static final int PER_ACCOUNT = 3;
  static final Duration WINDOW = Duration.ofHours(1);

  private final JdbcClient jdbc;
  private final Clock clock;

  public PasswordResetThrottle(final JdbcClient jdbc, final Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Counts a request from {@code clientAddress}; answers whether it may go on. */
  public boolean allowAddress(final String clientAddress) {
    return allow(PasswordLinks.digest("address:" + clientAddress), PER_ADDRESS);
  }

  /** Counts a link for {@code username}; answers whether it may be sent. */
  public boolean allowAccount(final String username) {
    return allow(PasswordLinks.digest("account:" + username), PER_ACCOUNT);
  }

  private boolean allow(final byte[] subject, final int limit) {
    final Instant now = clock.instant();
    final Instant since = now.minus(WINDOW);
    jdbc.sql("DELETE FROM flowdesk.password_reset_request WHERE requested_at < :since")
        .param("since", since.atOffset(ZoneOffset.UTC))
        .update();
    if (count(subject, since) >= limit) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO flowdesk.password_reset_request (subject, requested_at)"
                + " VALUES (:subject, :now)")
        .param("subject", subject)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    return true;
  }

  private int count(final byte[] subject, final Instant since) {
    return jdbc.sql(
            "SELECT count(*) FROM flowdesk.password_reset_request"
                + " WHERE subject = :subject AND requested_at >= :since")
        .param("subject", subject)
        .param("since", since.atOffset(ZoneOffset.UTC))
        .query(Integer.class)
        .single();
  }
}
