package io.flowdesk.domain.webhook;

import io.flowdesk.domain.webhook.WebhookPayloads.OutboxRow;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what the records' triggers put into {@code domain.webhook_outbox} into one delivery per
 * subscribed active subscription and event. Rows are claimed with {@code SKIP LOCKED}, and the
 * deliveries are written and the rows deleted in one transaction: a crash leaves either both or
 * neither, and a delivery exists at most once per (subscription, event).
 */
public final class WebhookOutbox {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final WebhookSubscriptions subscriptions;
  private final WebhookPayloads payloads;

  public WebhookOutbox(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final WebhookSubscriptions subscriptions) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
    this.subscriptions = subscriptions;
    this.payloads = new WebhookPayloads(jdbc);
  }

  /**
   * Fans out up to {@code limit} outbox rows, oldest first.
   *
   * @param now when the new deliveries are first due
   * @return how many outbox rows were handled
   */
  public int fanOut(final int limit, final Instant now) {
    final Integer handled =
        tx.execute(
            status -> {
              final List<OutboxRow> rows =
                  jdbc.sql(
                          """
                          SELECT id, record_kind, record_id, source, old_value, new_value,
                                 journal_id, actor, occurred_at
                          FROM domain.webhook_outbox ORDER BY id LIMIT :limit
                          FOR UPDATE SKIP LOCKED
                          """)
                      .param("limit", limit)
                      .query(
                          (rs, n) ->
                              new OutboxRow(
                                  rs.getLong("id"),
                                  rs.getString("record_kind"),
                                  rs.getLong("record_id"),
                                  rs.getString("source"),
                                  rs.getString("old_value"),
                                  rs.getString("new_value"),
                                  rs.getObject("journal_id", Long.class),
                                  rs.getString("actor"),
                                  rs.getTimestamp("occurred_at").toInstant()))
                      .list();
              rows.forEach(row -> fanOut(row, now));
              if (!rows.isEmpty()) {
                jdbc.sql("DELETE FROM domain.webhook_outbox WHERE id IN (:ids)")
                    .param("ids", rows.stream().map(OutboxRow::id).toList())
                    .update();
              }
              return rows.size();
            });
    return handled == null ? 0 : handled;
  }

  private void fanOut(final OutboxRow row, final Instant now) {
    for (final String type :
        WebhookEventTypes.derive(row.kind(), row.source(), row.oldValue(), row.newValue())) {
      final List<WebhookSubscription> subscribed = subscriptions.activeFor(type);
      if (subscribed.isEmpty()) {
        continue;
      }
      final String eventId = "evt_" + row.id() + "_" + type;
      final String payload = payloads.forRecordEvent(eventId, type, row);
      subscribed.forEach(
          subscription ->
              WebhookDeliveries.insert(jdbc, subscription.id(), eventId, type, payload, now));
    }
  }
}
