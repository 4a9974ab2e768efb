package io.flowdesk.domain.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table {@code domain.delivery}: what notification workers sent, one row per (job key, channel,
 * recipient), so that a retried job does not notify twice.
 *
 * <p>A worker {@linkplain #claim claims} the row before calling the provider. A row already SENT
 * comes back unchanged and the worker completes the job with the recorded provider id instead of
 * sending. Otherwise the row is PENDING with one more attempt, and the worker records the outcome
 * with {@link #markSent} or {@link #markFailed}.
 *
 * <p>The remaining window: a crash (or a lost database connection) after the provider accepted the
 * message but before {@link #markSent} leaves the row PENDING, and the job's retry sends again. So
 * delivery is exactly-once for every failure except that one, where it is at-least-once; the
 * provider's own de-duplication narrows it where there is one (our Message-IDs let mail clients and
 * archives recognise a duplicate).
 */
public final class DeliveryLog {

  private static final String COLUMNS =
      "id, job_key, channel, recipient, status, attempts, provider_id, last_error, created_at,"
          + " updated_at";

  /** The largest page {@link #recent} answers. */
  public static final int MAX_PAGE_SIZE = 500;

  private final JdbcClient jdbc;
  private final DeliveryOutcomes outcomes;

  public DeliveryLog(final DataSource dataSource) {
    this(dataSource, DeliveryOutcomes.NONE);
  }

  public DeliveryLog(final DataSource dataSource, final DeliveryOutcomes outcomes) {
    this.jdbc = JdbcClient.create(dataSource);
    this.outcomes = outcomes;
  }

  /**
   * Claims the delivery for an attempt: creates it PENDING, or counts one more attempt on a PENDING
   * or FAILED one; a SENT delivery is answered as it is, untouched.
   */
  public Delivery claim(final long jobKey, final String channel, final String recipient) {
    requireText(channel, "channel");
    requireText(recipient, "recipient");
    final Optional<Delivery> claimed =
        jdbc.sql(
                """
                INSERT INTO domain.delivery (job_key, channel, recipient, status)
                VALUES (:jobKey, :channel, :recipient, 'PENDING')
                ON CONFLICT (job_key, channel, recipient) DO UPDATE
                  SET status = 'PENDING', attempts = delivery.attempts + 1, updated_at = now()
                  WHERE delivery.status <> 'SENT'
                RETURNING
                """
                    + COLUMNS)
            .param("jobKey", jobKey)
            .param("channel", channel)
            .param("recipient", recipient)
            .query(DeliveryLog::map)
            .optional();
    return claimed.orElseGet(
        () ->
            find(jobKey, channel, recipient)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "delivery of job " + jobKey + " to " + recipient + " vanished")));
  }

  /** Records that the provider accepted the delivery under {@code providerId}. */
  public Delivery markSent(final long deliveryId, final String providerId) {
    return told(
        update(
            "status = 'SENT', provider_id = :detail, last_error = NULL", deliveryId, providerId));
  }

  /** Records a failed attempt; a retry of the job may claim it again. */
  public Delivery markFailed(final long deliveryId, final String error) {
    final String detail =
        error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 2000));
    return told(update("status = 'FAILED', last_error = :detail", deliveryId, detail));
  }

  private Delivery told(final Delivery delivery) {
    outcomes.recorded(delivery);
    return delivery;
  }

  public Optional<Delivery> find(final long jobKey, final String channel, final String recipient) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.delivery"
                + " WHERE job_key = :jobKey AND channel = :channel AND recipient = :recipient")
        .param("jobKey", jobKey)
        .param("channel", channel)
        .param("recipient", recipient)
        .query(DeliveryLog::map)
        .optional();
  }

  /** Every delivery of one job, oldest first. */
  public List<Delivery> ofJob(final long jobKey) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM domain.delivery WHERE job_key = :jobKey ORDER BY id")
        .param("jobKey", jobKey)
        .query(DeliveryLog::map)
        .list();
  }

  /**
   * The most recently changed deliveries first, for people looking at what went out.
   *
   * @param status only deliveries in this status; null for all
   * @param channel only deliveries on this channel; null or blank for all
   * @param offset how many of the matching deliveries to skip
   * @param limit at most this many (1 to {@value #MAX_PAGE_SIZE})
   */
  public List<Delivery> recent(
      final DeliveryStatus status, final String channel, final int offset, final int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("delivery offset " + offset + " is negative");
    }
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "delivery page size " + limit + " is not in 1.." + MAX_PAGE_SIZE);
    }
    final boolean anyChannel = channel == null || channel.isBlank();
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.delivery"
                + " WHERE (CAST(:status AS VARCHAR) IS NULL OR status = :status)"
                + " AND (CAST(:channel AS VARCHAR) IS NULL OR channel = :channel)"
                + " ORDER BY updated_at DESC, id DESC OFFSET :offset LIMIT :limit")
        .param("status", status == null ? null : status.name())
        .param("channel", anyChannel ? null : channel)
        .param("offset", offset)
        .param("limit", limit)
        .query(DeliveryLog::map)
        .list();
  }

  /** The channels that have deliveries, sorted. */
  public List<String> channels() {
    return jdbc.sql("SELECT DISTINCT channel FROM domain.delivery ORDER BY channel")
        .query(String.class)
        .list();
  }

  private Delivery update(final String assignments, final long deliveryId, final String detail) {
    return jdbc.sql(
            "UPDATE domain.delivery SET "
                + assignments
                + ", updated_at = now() WHERE id = :id RETURNING "
                + COLUMNS)
        .param("id", deliveryId)
        .param("detail", detail)
        .query(DeliveryLog::map)
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("no delivery with id " + deliveryId));
  }

  private static Delivery map(final ResultSet row, final int n) throws SQLException {
    return new Delivery(
        row.getLong("id"),
        row.getLong("job_key"),
        row.getString("channel"),
        row.getString("recipient"),
        DeliveryStatus.valueOf(row.getString("status")),
        row.getInt("attempts"),
        row.getString("provider_id"),
        row.getString("last_error"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private static void requireText(final String value, final String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("delivery " + what + " is missing");
    }
  }
}
