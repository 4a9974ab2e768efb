package io.flowdesk.engine.event;

import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.NewMessageSubscription;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.state.StatementBatch;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.support.WriteGroups;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes and correlates messages with Zeebe's rules: a message correlates to every open
 * subscription with its name and correlation key, but at most once per BPMN process id; it stays
 * buffered for its time to live so that subscriptions opened later still get it; a message start
 * event starts an instance unless one started by the same correlation key still runs.
 */
public final class Messages implements AutoCloseable {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final Keys keys;
  private final EngineClock clock;
  private final ProcessInstanceCommands instances;
  private final ProcessDefinitions definitions;
  private final BufferedMessages buffered;
  private final WriteGroups<Publication, Published> groups;

  public Messages(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final ProcessInstanceCommands instances,
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
    this.groups =
        new WriteGroups<>(
            "message publications",
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            this::publishTogether);
  }

  /** A message correlated by {@link #correlate}: to an instance it started or woke up. */
  public record Correlated(long messageKey, long processInstanceKey) {}

  private record Subscription(
      long key,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      String bpmnProcessId) {

    NewMessageSubscription asNew(final String messageName, final String correlationKey) {
      return new NewMessageSubscription(
          key,
          processInstanceKey,
          elementInstanceKey,
          elementId,
          bpmnProcessId,
          messageName,
          correlationKey,
          true);
    }
  }

  private record StartSubscription(
      long processDefinitionKey, String bpmnProcessId, String elementId) {}

  /** Who may receive a message: open subscriptions (in key order), then message start events. */
  private record Targets(List<Subscription> waiting, List<StartSubscription> starts) {

    /** Open subscriptions and message start events of a name and key, in one query. */
    static final String QUERY =
        "SELECT 0, key, process_instance_key, element_instance_key, element_id, bpmn_process_id"
            + " FROM engine.message_subscription WHERE message_name = ? AND correlation_key = ?"
            + " UNION ALL SELECT 1, process_definition_key, 0, 0, element_id, bpmn_process_id"
            + " FROM engine.message_start_subscription WHERE message_name = ? ORDER BY 1, 2";

    static Targets of(final List<Object> rows) {
      final List<Subscription> waiting = new ArrayList<>();
      final List<StartSubscription> starts = new ArrayList<>();
      for (final Object row : rows) {
        if (row instanceof Subscription subscription) {
          waiting.add(subscription);
        } else {
          starts.add((StartSubscription) row);
        }
      }
      return new Targets(waiting, starts);
    }

    static Object row(final ResultSet rs, final int rowNum) throws SQLException {
      return rs.getInt(1) == 0
          ? new Subscription(
              rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6))
          : new StartSubscription(rs.getLong(2), rs.getString(6), rs.getString(5));
    }
  }

  /**
   * A stored message and who may receive it, read under the message's lock; with the instance of
   * the first open subscription when the same round trip could lock it.
   */
  private record Stored(long key, Targets targets, Optional<InstanceState> firstWaiting) {}

  /** A message to publish, as checked: a correlation key, never null; a message id, or null. */
  private record Publication(
      String name,
      String correlationKey,
      Duration timeToLive,
      String messageId,
      Map<String, Object> variables) {}

  /** A stored message and the subscription it correlated to in the same transaction, if any. */
  private record Published(Stored stored, Optional<Subscription> correlatedFirst) {}

  /** The open subscription with the lowest key of a name and key: the first a message reaches. */
  private static final String FIRST_WAITING_INSTANCE =
      "(SELECT process_instance_key FROM engine.message_subscription WHERE message_name = ?"
          + " AND correlation_key = ? ORDER BY key LIMIT 1)";

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
    final Publication publication =
        new Publication(
            name,
            correlationKey == null ? "" : correlationKey,
            timeToLive,
            messageId == null || messageId.isEmpty() ? null : messageId,
            variables);
    // A message id is checked against the messages buffered under it, which one publication of a
    // group could not see of another: such publications go alone, as do those inside a caller's
    // transaction, which must commit with it.
    final boolean grouped =
        publication.messageId() == null
            && !TransactionSynchronizationManager.isActualTransactionActive();
    final Published published =
        grouped
            ? groups.write(publication).orElseGet(() -> publishAlone(publication))
            : publishAlone(publication);
    final Stored stored = published.stored();
    correlate(
        stored.key(),
        name,
        publication.correlationKey(),
        variables,
        false,
        stored.targets(),
        published.correlatedFirst());
    return stored.key();
  }

  private Published publishAlone(final Publication publication) {
    try {
      return transactions.execute(
          tx -> {
            final Stored stored = store(publication, true, null);
            return new Published(stored, correlateToFirstWaiting(stored, publication));
          });
    } catch (PessimisticLockingFailureException locked) {
      // The first instance's command needed another message's lock, which it does not wait for
      // while this message's is held (the two holders could wait for each other): publish again,
      // correlating after the commit, as to every other subscription.
      return new Published(
          transactions.execute(tx -> store(publication, false, null)), Optional.empty());
    }
  }

  /**
   * Publishes a group of publications (none with a message id) in one transaction: the message
   * locks of all of them first, in one fixed order, so that two groups cannot deadlock; then each
   * as if alone, after a savepoint. One that fails is rolled back to its savepoint and answered
   * empty, to be published alone once the group committed.
   */
  private List<Optional<Published>> publishTogether(final List<Publication> group) {
    return transactions.execute(
        tx -> {
          final StatementBatch locks = new StatementBatch();
          locks.add(
              "SELECT count(pg_advisory_xact_lock(n, k)) FROM (SELECT hashtext(name) AS n,"
                  + " hashtext(key) AS k FROM unnest(?, ?) AS m(name, key)"
                  + " ORDER BY 1, 2 OFFSET 0) AS in_lock_order",
              StatementBatch.SqlArray.of("text", String.class, group, Publication::name),
              StatementBatch.SqlArray.of("text", String.class, group, Publication::correlationKey));
          locks.execute(batch);
          final List<Optional<Published>> outcomes = new ArrayList<>(group.size());
          for (int i = 0; i < group.size(); i++) {
            final String savepoint = "publication_" + i;
            try {
              final Stored stored = store(group.get(i), true, savepoint);
              outcomes.add(
                  Optional.of(
                      new Published(stored, correlateToFirstWaiting(stored, group.get(i)))));
            } catch (RuntimeException e) {
              jdbc.sql("ROLLBACK TO SAVEPOINT " + savepoint).update();
              outcomes.add(Optional.empty());
            }
          }
          return outcomes;
        });
  }

  /**
   * Correlates the message to its first open subscription in the transaction that publishes it,
   * when that round trip locked the subscription's instance: one transaction instead of two. The
   * message is invisible to others until the commit, so claiming it for the process needs no
   * statement of its own. Answers the subscription when it correlated.
   */
  private Optional<Subscription> correlateToFirstWaiting(
      final Stored stored, final Publication publication) {
    if (stored.firstWaiting().isEmpty() || stored.targets().waiting().isEmpty()) {
      return Optional.empty();
    }
    final InstanceState locked = stored.firstWaiting().get();
    final Subscription first = stored.targets().waiting().get(0);
    // The lock and the load each picked the first subscription anew; both must be the one the
    // targets, read under the lock, start with.
    if (locked.processInstance().key() != first.processInstanceKey()
        || !locked.processInstance().active()
        || locked.elementInstance(first.elementInstanceKey()).isEmpty()) {
      return Optional.empty();
    }
    final boolean correlated =
        instances.onLockedInstance(
            locked,
            true,
            pi -> Rejection.notFound("Process instance " + pi + " ended"),
            (state, execution) -> {
              BufferedMessages.appendCorrelated(
                  state,
                  stored.key(),
                  first.asNew(publication.name(), publication.correlationKey()));
              final boolean triggered =
                  execution.triggerEvent(
                      first.elementInstanceKey(), first.elementId(), publication.variables());
              if (triggered) {
                state.claimNewMessage(stored.key(), first.bpmnProcessId());
              }
              return triggered;
            });
    return correlated ? Optional.of(first) : Optional.empty();
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
    final Targets targets =
        Targets.of(jdbc.sql(Targets.QUERY).params(name, key, name).query(Targets::row).list());
    return correlate(messageKey, name, key, variables, true, targets, Optional.empty()).stream()
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

  /** Stops the writers of publication groups; a publication still waiting is refused. */
  @Override
  public void close() {
    groups.close();
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

  /**
   * Stores the message and reads who may receive it, under the lock of its name and key; without a
   * message id, all of it in one round trip. In a group, whose transaction holds the lock already,
   * it first takes the {@code savepoint} the publication rolls back to if it fails.
   */
  private Stored store(
      final Publication publication, final boolean lockFirstWaiting, final String savepoint) {
    final String name = publication.name();
    final String correlationKey = publication.correlationKey();
    final String messageId = publication.messageId();
    final Map<String, Object> variables = publication.variables();
    final StatementBatch statements = new StatementBatch();
    final Instant now = clock.now();
    if (savepoint != null) {
      statements.add("SAVEPOINT " + savepoint);
    } else if (messageId == null) {
      statements.add(BufferedMessages.LOCK, name, correlationKey);
    } else {
      buffered.lock(name, correlationKey);
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
    statements.add(
        "INSERT INTO engine.message (key, name, correlation_key, message_id, variables,"
            + " deadline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        key,
        name,
        correlationKey,
        messageId,
        Json.write(variables),
        Timestamp.from(now.plus(publication.timeToLive())),
        Timestamp.from(now));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", name);
    payload.put("correlationKey", correlationKey);
    payload.put("messageId", messageId == null ? "" : messageId);
    payload.put("timeToLive", publication.timeToLive().toMillis());
    payload.put("variables", variables);
    RecordLog.appendTo(
        statements,
        List.of(new PendingRecord(key, "MESSAGE", "PUBLISHED", null, null, payload)),
        Timestamp.from(now));
    // Never waits for the instance's lock: its holder may be opening a subscription and so wait
    // for this message's lock, and the two would deadlock.
    final InstanceStore.QueuedLoad firstWaiting =
        lockFirstWaiting
            ? InstanceStore.queueLockAndLoad(
                statements, FIRST_WAITING_INSTANCE, true, name, correlationKey)
            : null;
    final int targets = statements.add(Targets.QUERY, name, correlationKey, name);
    final List<Object> targetRows = new ArrayList<>();
    statements.read(
        batch,
        (index, rows) -> {
          if (index == targets) {
            while (rows.next()) {
              targetRows.add(Targets.row(rows, 0));
            }
          } else if (firstWaiting != null) {
            firstWaiting.read(index, rows);
          }
        });
    return new Stored(
        key,
        Targets.of(targetRows),
        firstWaiting == null ? Optional.empty() : firstWaiting.loaded());
  }

  /**
   * Correlates to waiting instances, then to message start events; answers the instances. {@code
   * correlatedFirst} is a subscription the message already correlated to as it was published.
   */
  private List<Long> correlate(
      final long messageKey,
      final String name,
      final String correlationKey,
      final Map<String, Object> variables,
      final boolean firstOnly,
      final Targets targets,
      final Optional<Subscription> correlatedFirst) {
    final Set<String> correlatedProcesses = new HashSet<>();
    final List<Long> instanceKeys = new ArrayList<>();
    correlatedFirst.ifPresent(
        first -> {
          correlatedProcesses.add(first.bpmnProcessId());
          instanceKeys.add(first.processInstanceKey());
        });
    for (final Subscription subscription : targets.waiting()) {
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
    for (final StartSubscription start : targets.starts()) {
      if (firstOnly && !instanceKeys.isEmpty()) {
        return instanceKeys;
      }
      if (!correlatedProcesses.contains(start.bpmnProcessId())) {
        startInstance(messageKey, start, correlationKey, variables).ifPresent(instanceKeys::add);
      }
    }
    return instanceKeys;
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
            if (!buffered.markCorrelatedWhileOpen(
                messageKey, subscription.bpmnProcessId(), subscription.key())) {
              return false;
            }
            BufferedMessages.appendCorrelated(
                state, messageKey, subscription.asNew(name, correlationKey));
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
