package io.flowdesk.domain.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table {@code domain.webhook_delivery}: each event for each subscription, PENDING until a 2xx
 * answer makes it DELIVERED or too many failed attempts make it DEAD (a dead letter an admin can
 * replay).
 *
 * <p>A sender {@linkplain #claimDue claims} due deliveries: the attempt is counted and the next
 * attempt pushed past a lease in the same statement ({@code SKIP LOCKED}), so two senders never
 * send the same delivery at once, and one that crashed mid-send is retried after the lease. A crash
 * after the receiver accepted but before {@link #delivered} sends it again: receivers de-duplicate
 * on the delivery id header.
 */
public final class WebhookDeliveries {

  private static final String COLUMNS =
      "id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at,"
          + " last_status, last_error, created_at, updated_at";
  private static final int MAX_ERROR = 500;

  private final JdbcClient jdbc;
  private final WebhookPayloads payloads;

  public WebhookDeliveries(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.payloads = new WebhookPayloads(jdbc);
  }

  static void insert(
      final JdbcClient jdbc,
      final long subscriptionId,
      final String eventId,
      final String type,
      final String payload,
      final Instant now) {
    jdbc.sql(
            """
            INSERT INTO domain.webhook_delivery
              (subscription_id, event_id, event_type, payload, next_attempt_at)
            VALUES (:subscription, :eventId, :type, :payload, :now)
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """)
        .param("subscription", subscriptionId)
        .param("eventId", eventId)
        .param("type", type)
        .param("payload", payload)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Queues a {@code webhook.test} event for one subscription, due at {@code now}. */
  public WebhookDelivery enqueueTest(final long subscriptionId, final Instant now) {
    final String eventId = "evt_test_" + UUID.randomUUID();
    insert(
        jdbc, subscriptionId, eventId, WebhookEventTypes.TEST, payloads.forTest(eventId, now), now);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.webhook_delivery WHERE subscription_id = :s AND event_id = :e")
        .param("s", subscriptionId)
        .param("e", eventId)
        .query(WebhookDeliveries::map)
        .single();
  }

  /**
   * Claims up to {@code limit} PENDING deliveries of active subscriptions due at {@code now}:
   * counts the attempt and moves their next attempt to {@code now + lease}.
   */
  public List<WebhookDelivery> claimDue(final Instant now, final Duration lease, final int limit) {
    return jdbc
        .sql(
            """
            UPDATE domain.webhook_delivery
            SET attempts = attempts + 1, next_attempt_at = :leaseEnd, updated_at = now()
            WHERE id IN (
              SELECT d.id FROM domain.webhook_delivery d
              JOIN domain.webhook_subscription s ON s.id = d.subscription_id AND s.active
              WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
              ORDER BY d.next_attempt_at, d.id LIMIT :limit
              FOR UPDATE OF d SKIP LOCKED)
            RETURNING
            """
                + COLUMNS)
        .param("now", Timestamp.from(now))
        .param("leaseEnd", Timestamp.from(now.plus(lease)))
        .param("limit", limit)
        .query(WebhookDeliveries::map)
        .list()
        .stream()
        .sorted(Comparator.comparingLong(WebhookDelivery::id))
        .toList();
  }

  /** The receiver answered 2xx. */
  public void delivered(final long id, final int status) {
    jdbc.sql(
            """
            UPDATE domain.webhook_delivery
            SET status = 'DELIVERED', last_status = :status, last_error = NULL, updated_at = now()
            WHERE id = :id
            """)
        .param("status", status)
        .param("id", id)
        .update();
  }

  /**
   * The attempt failed.
   *
   * @param status the receiver's answer, null when there was none (timeout, refused connection)
   * @param nextAttempt when to try again, or null to give up (DEAD)
   */
  public void failed(
      final long id, final Integer status, final String error, final Instant nextAttempt) {
    final String message =
        error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    jdbc.sql(
            """
            UPDATE domain.webhook_delivery
            SET status = CASE WHEN CAST(:next AS TIMESTAMPTZ) IS NULL THEN 'DEAD' ELSE 'PENDING' END,
                next_attempt_at = COALESCE(CAST(:next AS TIMESTAMPTZ), next_attempt_at),
                last_status = :status, last_error = :error, updated_at = now()
            WHERE id = :id
            """)
        .param("next", nextAttempt == null ? null : Timestamp.from(nextAttempt))
        .param("status", status)
        .param("error", message)
        .param("id", id)
        .update();
  }

  /**
   * Puts a dead letter back in line, due at {@code now}, with a fresh count of attempts.
   *
   * @return false when it is not (or no longer) dead
   */
  public boolean replay(final long id, final Instant now) {
    return jdbc.sql(
                """
                UPDATE domain.webhook_delivery
                SET status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = now()
                WHERE id = :id AND status = 'DEAD'
                """)
            .param("now", Timestamp.from(now))
            .param("id", id)
            .update()
        == 1;
  }

  /** Replays every dead letter; answers how many. */
  public int replayAllDead(final Instant now) {
    return jdbc.sql(
            """
            UPDATE domain.webhook_delivery
            SET status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = now()
            WHERE status = 'DEAD'
            """)
        .param("now", Timestamp.from(now))
        .update();
  }

  public Optional<WebhookDelivery> find(final long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.webhook_delivery WHERE id = :id")
        .param("id", id)
        .query(WebhookDeliveries::map)
        .optional();
  }

  /** One subscription's deliveries, newest first. */
  public List<WebhookDelivery> forSubscription(final long subscriptionId, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.webhook_delivery WHERE subscription_id = :s"
                + " ORDER BY id DESC LIMIT :limit")
        .param("s", subscriptionId)
        .param("limit", limit)
        .query(WebhookDeliveries::map)
        .list();
  }

  /** Dead letters of every subscription, most recently given up first. */
  public List<WebhookDelivery> dead(final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.webhook_delivery WHERE status = 'DEAD'"
                + " ORDER BY updated_at DESC, id DESC LIMIT :limit")
        .param("limit", limit)
        .query(WebhookDeliveries::map)
        .list();
  }

  private static WebhookDelivery map(final ResultSet row, final int rowNum) throws SQLException {
    return new WebhookDelivery(
        row.getLong("id"),
        row.getLong("subscription_id"),
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("payload"),
        row.getString("status"),
        row.getInt("attempts"),
        row.getTimestamp("next_attempt_at").toInstant(),
        row.getObject("last_status", Integer.class),
        row.getString("last_error"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }
}
