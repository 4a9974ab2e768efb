package io.flowdesk.engine.event;

import io.flowdesk.engine.command.BufferedMessages;
import io.flowdesk.engine.command.InstanceCommands;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.state.NewMessageSubscription;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes and correlates messages with Zeebe's rules: a message correlates to every open
 * subscription with its name and correlation key, but at most once per BPMN process id; it stays
 * buffered for its time to live so that subscriptions opened later still get it; a message start
 * event starts an instance unless one started by the same correlation key still runs.
 */
public final class Messages {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final Keys keys;
  private final EngineClock clock;
  private final InstanceCommands instances;
  private final ProcessDefinitions definitions;
  private final BufferedMessages buffered;

  public Messages(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final InstanceCommands instances,
      final ProcessDefinitions definitions,
      final BufferedMessages buffered) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.keys = keys;
    this.clock = clock;
    this.instances = instances;
    this.definitions = definitions;
    this.buffered = buffered;
  }

  /** A message correlated by {@link #correlate}: to an instance it started or woke up. */
  public record Correlated(long messageKey, long processInstanceKey) {}

  private record Subscription(
      long key,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      String bpmnProcessId) {}

  private record StartSubscription(
      long processDefinitionKey, String bpmnProcessId, String elementId) {}

  /** Publishes a message; answers its key. Correlation happens before this returns. */
  public long publish(
      final String name,
      final String correlationKey,
      final Duration timeToLive,
      final String messageId,
      final Map<String, Object> variables) {
    requireName(name);
    if (timeToLive.isNegative()) {
      throw Rejection.invalidArgument(
          "Expected the message's time to live to be zero or positive, but was " + timeToLive);
    }
    final String key = correlationKey == null ? "" : correlationKey;
    final String id = messageId == null || messageId.isEmpty() ? null : messageId;
    final long messageKey = transactions.execute(tx -> store(name, key, timeToLive, id, variables));
    correlate(messageKey, name, key, variables, false);
    return messageKey;
  }

  /**
   * Correlates a message right away without buffering it (the REST API's message correlation): to
   * the first open subscription or message start event; not found when none waits for it.
   */
  public Correlated correlate(
      final String name, final String correlationKey, final Map<String, Object> variables) {
    requireName(name);
    final String key = correlationKey == null ? "" : correlationKey;
    final long messageKey = keys.next();
    return correlate(messageKey, name, key, variables, true).stream()
        .findFirst()
        .map(pi -> new Correlated(messageKey, pi))
        .orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to find subscription for message with name '"
                        + name
                        + "' and correlation key '"
                        + key
                        + "', but none was found."));
  }

  /** Removes messages whose time to live ended; answers how many. */
  public int removeExpired() {
    final Instant now = clock.now();
    return transactions.execute(
        tx -> {
          final List<Long> expired =
              jdbc.sql("DELETE FROM engine.message WHERE deadline <= ? RETURNING key")
                  .param(Timestamp.from(now))
                  .query(Long.class)
                  .list();
          if (!expired.isEmpty()) {
            batch.batchUpdate(
                "DELETE FROM engine.message_correlation WHERE message_key = ?",
                expired.stream().map(k -> new Object[] {k}).toList());
            RecordLog.append(
                batch,
                expired.stream()
                    .map(k -> new PendingRecord(k, "MESSAGE", "EXPIRED", null, null, Map.of()))
                    .toList(),
                Timestamp.from(now));
          }
          return expired.size();
        });
  }

  private static void requireName(final String name) {
    if (name == null || name.isBlank()) {
      throw Rejection.invalidArgument("Expected a message name, but none was given");
    }
  }

  private long store(
      final String name,
      final String correlationKey,
      final Duration timeToLive,
      final String messageId,
      final Map<String, Object> variables) {
    buffered.lock(name, correlationKey);
    final Instant now = clock.now();
    if (messageId != null) {
      jdbc.sql(
              "DELETE FROM engine.message WHERE name = ? AND correlation_key = ? AND message_id = ?"
                  + " AND deadline <= ?")
          .params(name, correlationKey, messageId, Timestamp.from(now))
          .update();
      final boolean buffered =
          jdbc.sql(
                  "SELECT count(*) > 0 FROM engine.message WHERE name = ? AND correlation_key = ?"
                      + " AND message_id = ?")
              .params(name, correlationKey, messageId)
              .query(Boolean.class)
              .single();
      if (buffered) {
        throw new Rejection(
            Rejection.Type.ALREADY_EXISTS,
            "Expected to publish a new message with id '"
                + messageId
                + "', but a message with that id was already published");
      }
    }
    final long key = keys.next();
    jdbc.sql(
            "INSERT INTO engine.message (key, name, correlation_key, message_id, variables,"
                + " deadline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            key,
            name,
            correlationKey,
            messageId,
            Json.write(variables),
            Timestamp.from(now.plus(timeToLive)),
            Timestamp.from(now))
        .update();
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", name);
    payload.put("correlationKey", correlationKey);
    payload.put("messageId", messageId == null ? "" : messageId);
    payload.put("timeToLive", timeToLive.toMillis());
    payload.put("variables", variables);
    RecordLog.append(
        batch,
        List.of(new PendingRecord(key, "MESSAGE", "PUBLISHED", null, null, payload)),
        Timestamp.from(now));
    return key;
  }

  /** Correlates to waiting instances, then to message start events; answers the instances. */
  private List<Long> correlate(
      final long messageKey,
      final String name,
      final String correlationKey,
      final Map<String, Object> variables,
      final boolean firstOnly) {
    final Set<String> correlatedProcesses = new HashSet<>();
    final List<Long> instanceKeys = new ArrayList<>();
    for (final Subscription subscription : subscriptions(name, correlationKey)) {
      if (firstOnly && !instanceKeys.isEmpty()) {
        return instanceKeys;
      }
      if (correlatedProcesses.contains(subscription.bpmnProcessId())) {
        continue;
      }
      if (correlateTo(messageKey, name, correlationKey, subscription, variables)) {
        correlatedProcesses.add(subscription.bpmnProcessId());
        instanceKeys.add(subscription.processInstanceKey());
      }
    }
    for (final StartSubscription start : startSubscriptions(name)) {
      if (firstOnly && !instanceKeys.isEmpty()) {
        return instanceKeys;
      }
      if (!correlatedProcesses.contains(start.bpmnProcessId())) {
        startInstance(messageKey, start, correlationKey, variables).ifPresent(instanceKeys::add);
      }
    }
    return instanceKeys;
  }

  private List<Subscription> subscriptions(final String name, final String correlationKey) {
    return jdbc.sql(
            "SELECT key, process_instance_key, element_instance_key, element_id, bpmn_process_id"
                + " FROM engine.message_subscription WHERE message_name = ? AND correlation_key = ?"
                + " ORDER BY key")
        .params(name, correlationKey)
        .query(
            (rs, n) ->
                new Subscription(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  private List<StartSubscription> startSubscriptions(final String name) {
    return jdbc.sql(
            "SELECT process_definition_key, bpmn_process_id, element_id"
                + " FROM engine.message_start_subscription WHERE message_name = ?"
                + " ORDER BY process_definition_key")
        .param(name)
        .query((rs, n) -> new StartSubscription(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private boolean correlateTo(
      final long messageKey,
      final String name,
      final String correlationKey,
      final Subscription subscription,
      final Map<String, Object> variables) {
    try {
      return instances.onInstance(
          subscription.processInstanceKey(),
          pi -> Rejection.notFound("Process instance " + pi + " ended"),
          (state, execution) -> {
            final boolean open =
                jdbc.sql("SELECT count(*) > 0 FROM engine.message_subscription WHERE key = ?")
                    .param(subscription.key())
                    .query(Boolean.class)
                    .single();
            if (!open || !buffered.markCorrelated(messageKey, subscription.bpmnProcessId())) {
              return false;
            }
            BufferedMessages.appendCorrelated(
                state,
                messageKey,
                new NewMessageSubscription(
                    subscription.key(),
                    subscription.processInstanceKey(),
                    subscription.elementInstanceKey(),
                    subscription.elementId(),
                    subscription.bpmnProcessId(),
                    name,
                    correlationKey,
                    true));
            return execution.triggerEvent(
                subscription.elementInstanceKey(), subscription.elementId(), variables);
          });
    } catch (Rejection ended) {
      return false; // the instance ended meanwhile; its subscriptions went with it
    }
  }

  private Optional<Long> startInstance(
      final long messageKey,
      final StartSubscription start,
      final String correlationKey,
      final Map<String, Object> variables) {
    return transactions.execute(
        tx -> {
          if (!correlationKey.isEmpty()) {
            final boolean running =
                jdbc.sql(
                        "SELECT count(*) > 0 FROM engine.message_start_instance"
                            + " WHERE bpmn_process_id = ? AND correlation_key = ?")
                    .params(start.bpmnProcessId(), correlationKey)
                    .query(Boolean.class)
                    .single();
            if (running) {
              return Optional.<Long>empty();
            }
          }
          if (!buffered.markCorrelated(messageKey, start.bpmnProcessId())) {
            return Optional.<Long>empty();
          }
          final ProcessInstanceRow row =
              instances.createAt(
                  definitions.byKey(start.processDefinitionKey()), start.elementId(), variables);
          if (!correlationKey.isEmpty()) {
            // Only while the instance runs: one that ended at once blocks nothing.
            jdbc.sql(
                    "INSERT INTO engine.message_start_instance (bpmn_process_id, correlation_key,"
                        + " process_instance_key) SELECT ?, ?, key FROM engine.process_instance"
                        + " WHERE key = ? AND state = 'ACTIVE'")
                .params(start.bpmnProcessId(), correlationKey, row.key())
                .update();
          }
          return Optional.of(row.key());
        });
  }
}
