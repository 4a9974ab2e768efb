package io.flowdesk.engine.event;

import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewMessageSubscription;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.StatementBatch;
import io.flowdesk.engine.support.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Correlates messages published earlier (still within their time to live) to the message
 * subscriptions a command just opened, inside that command's transaction.
 *
 * <p>Publishing and opening a subscription both take a transaction-scoped advisory lock on the
 * message name and correlation key, so one of them always sees the other's committed row: a message
 * and a subscription that meet are never both missed.
 */
public final class BufferedMessages {

  private final JdbcClient jdbc;
  private final JdbcTemplate statements;

  public BufferedMessages(final JdbcClient jdbc, final JdbcTemplate statements) {
    this.jdbc = jdbc;
    this.statements = statements;
  }

  private record Buffered(long key, Map<String, Object> variables) {}

  /**
   * The statement that locks a message name and correlation key until the transaction ends; its
   * parameters are the name and the key.
   */
  public static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))";

  /** As {@link #LOCK}, without waiting: answers whether the lock was taken. */
  private static final String TRY_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext(?), hashtext(?))";

  /** Locks the name and key against concurrent publications until the transaction ends. */
  public void lock(final String messageName, final String correlationKey) {
    jdbc.sql(LOCK).params(messageName, correlationKey).query().singleRow();
  }

  /**
   * Correlates buffered messages to the subscriptions the command opened; when {@code mayWait} is
   * false, a message lock another transaction holds fails the command with {@link
   * CannotAcquireLockException} instead of being waited for.
   */
  public void correlateTo(
      final InstanceState state,
      final BpmnExecution execution,
      final Instant now,
      final boolean mayWait) {
    final Set<Long> checked = new HashSet<>();
    while (true) {
      final Optional<NewMessageSubscription> next =
          state.newMessageSubscriptions().stream()
              .filter(s -> !checked.contains(s.key()))
              .findFirst();
      if (next.isEmpty()) {
        return;
      }
      final NewMessageSubscription subscription = next.get();
      checked.add(subscription.key());
      oldestUncorrelatedLocked(subscription, now, mayWait)
          .ifPresent(
              message -> {
                markCorrelated(message.key(), subscription.bpmnProcessId());
                appendCorrelated(state, message.key(), subscription);
                execution.triggerEvent(
                    subscription.elementInstanceKey(),
                    subscription.elementId(),
                    message.variables());
              });
    }
  }

  /**
   * Locks the subscription's name and key, then finds the oldest message buffered for it that has
   * not correlated to its process yet: one round trip.
   */
  private Optional<Buffered> oldestUncorrelatedLocked(
      final NewMessageSubscription subscription, final Instant now, final boolean mayWait) {
    final StatementBatch batch = new StatementBatch();
    final int lock =
        batch.add(
            mayWait ? LOCK : TRY_LOCK, subscription.messageName(), subscription.correlationKey());
    final int oldest =
        batch.add(
            "SELECT m.key, m.variables FROM engine.message m WHERE m.name = ?"
                + " AND m.correlation_key = ? AND m.deadline > ? AND NOT EXISTS (SELECT 1 FROM"
                + " engine.message_correlation c WHERE c.message_key = m.key AND"
                + " c.bpmn_process_id = ?) ORDER BY m.key LIMIT 1",
            subscription.messageName(),
            subscription.correlationKey(),
            Timestamp.from(now),
            subscription.bpmnProcessId());
    final boolean[] locked = {true};
    final List<Buffered> found = new ArrayList<>();
    batch.read(
        statements,
        (index, rows) -> {
          if (index == lock && rows.next()) {
            locked[0] = mayWait || rows.getBoolean(1);
          } else if (index == oldest && locked[0] && rows.next()) {
            found.add(
                new Buffered(
                    rows.getLong(1), Json.readDocument(rows.getString(2), "message variables")));
          }
        });
    if (!locked[0]) {
      throw new CannotAcquireLockException(
          "Message '"
              + subscription.messageName()
              + "' with correlation key '"
              + subscription.correlationKey()
              + "' is locked by another transaction");
    }
    return found.stream().findFirst();
  }

  /** Claims the message for the process; false when it already correlated to it. */
  public boolean markCorrelated(final long messageKey, final String bpmnProcessId) {
    return jdbc.sql(
                "INSERT INTO engine.message_correlation (message_key, bpmn_process_id)"
                    + " VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(messageKey, bpmnProcessId)
            .update()
        > 0;
  }

  /**
   * Claims the message for the process of a subscription that is still open, in one statement;
   * false when the subscription closed meanwhile or the message already correlated to the process.
   */
  public boolean markCorrelatedWhileOpen(
      final long messageKey, final String bpmnProcessId, final long subscriptionKey) {
    return jdbc.sql(
                "INSERT INTO engine.message_correlation (message_key, bpmn_process_id)"
                    + " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM engine.message_subscription"
                    + " WHERE key = ?) ON CONFLICT DO NOTHING")
            .params(messageKey, bpmnProcessId, subscriptionKey)
            .update()
        > 0;
  }

  /** Records that a message correlated to a subscription, in the instance's record log. */
  public static void appendCorrelated(
      final InstanceState state, final long messageKey, final NewMessageSubscription subscription) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messageKey", messageKey);
    payload.put("messageName", subscription.messageName());
    payload.put("correlationKey", subscription.correlationKey());
    payload.put("elementInstanceKey", subscription.elementInstanceKey());
    state.append(
        new PendingRecord(
            subscription.key(),
            "PROCESS_MESSAGE_SUBSCRIPTION",
            "CORRELATED",
            state.processInstance().key(),
            subscription.elementId(),
            payload));
  }
}
