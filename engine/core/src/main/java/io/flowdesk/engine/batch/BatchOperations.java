package io.flowdesk.engine.batch;

import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch operations: a batch and its items are stored at once (the items fixed when it is created),
 * then the items are worked off in the background, a chunk at a time, each by its own command in
 * its own transaction, so that one item that is refused does not stop the others; each item keeps
 * its outcome (COMPLETED, or FAILED with the refusal's message). A batch can be suspended, resumed
 * and canceled between items.
 *
 * <p>What is done to an item is made from the batch's type and stored plan ({@link ItemActions}).
 * The engine working off a batch holds a lease on it, renewed before each chunk and let go when it
 * stops; a CREATED or ACTIVE batch without a live lease (its engine was stopped or died) is taken
 * up by the next engine's scan ({@link #takeOverInterrupted}), so that a restart does not strand
 * its unprocessed items, and two engines on one database never work off one batch together.
 */
public final class BatchOperations {

  private static final Logger LOG = LoggerFactory.getLogger(BatchOperations.class);
  private static final int CHUNK = 10;

  /** How long a lease holds without renewal: far longer than one chunk of single commands. */
  static final Duration LEASE = Duration.ofSeconds(30);

  /** Does a batch's work on one item; throwing fails the item with the exception's message. */
  @FunctionalInterface
  public interface ItemAction {
    void apply(BatchItem item);
  }

  /**
   * Makes what a batch of {@code type} does to each item from its stored {@code plan}; throws a
   * {@link io.flowdesk.engine.support.Rejection} when the plan is not one the type can follow.
   */
  @FunctionalInterface
  public interface ItemActions {
    ItemAction of(BatchOperationType type, String plan);
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Keys keys;
  private final EngineClock clock;
  private final Executor executor;
  // This engine's runs, told apart from another engine's (or an earlier run's) in the lease.
  private final String runner = UUID.randomUUID().toString();
  private volatile ItemActions itemActions;
  private final Map<Long, ItemAction> actions = new ConcurrentHashMap<>();
  // Batches a worker is going through: at most one worker per batch in this engine.
  private final Set<Long> working = ConcurrentHashMap.newKeySet();

  public BatchOperations(
      final JdbcClient jdbc,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final Executor executor) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.keys = keys;
    this.clock = clock;
    this.executor = executor;
  }

  /**
   * Sets what batches do to their items; until then no batch is created or worked off. Set once the
   * engine's commands exist (they are made after this).
   */
  public void actWith(final ItemActions actions) {
    this.itemActions = actions;
  }

  /**
   * Stores a batch over {@code items} and starts working it off; answers its key. {@code plan} is
   * what the batch does to each item (JSON, or null), from which {@link ItemActions} makes it.
   */
  public long create(
      final BatchOperationType type,
      final List<BatchItem> items,
      final String plan,
      final String createdBy) {
    // Made first, so that a plan the type cannot follow is refused before anything is stored.
    final ItemAction action = itemActions.of(type, plan);
    final long key = keys.next();
    final Timestamp now = Timestamp.from(clock.now());
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "INSERT INTO engine.batch_operation (key, type, state, plan, created_by,"
                      + " created_at, runner, lease_until) VALUES (?, ?, 'CREATED', ?, ?, ?, ?, ?)")
              .params(key, type.name(), plan, createdBy, now, runner, leaseEnd())
              .update();
          jdbc.sql(
                  "INSERT INTO engine.batch_operation_item (batch_operation_key, item_key,"
                      + " process_instance_key, state) SELECT ?, i, p, 'ACTIVE'"
                      + " FROM unnest(?::bigint[], ?::bigint[]) AS t(i, p)"
                      + " ON CONFLICT DO NOTHING")
              .params(
                  key,
                  items.stream().map(BatchItem::itemKey).toArray(Long[]::new),
                  items.stream().map(BatchItem::processInstanceKey).toArray(Long[]::new))
              .update();
        });
    actions.put(key, action);
    work(key);
    return key;
  }

  /** Stops a batch that has not ended: its unprocessed items are CANCELED. */
  public void cancel(final long key) {
    transition(key, Set.of("CREATED", "ACTIVE", "SUSPENDED"), "CANCELED", "cancel");
    jdbc.sql(
            "UPDATE engine.batch_operation_item SET state = 'CANCELED' WHERE batch_operation_key"
                + " = ? AND state = 'ACTIVE'")
        .param(key)
        .update();
    actions.remove(key);
  }

  /** Holds a running batch after the item in progress. */
  public void suspend(final long key) {
    transition(key, Set.of("CREATED", "ACTIVE"), "SUSPENDED", "suspend");
  }

  /** Goes on with a suspended batch, on this engine. */
  public void resume(final long key) {
    transition(key, Set.of("SUSPENDED"), "ACTIVE", "resume");
    work(key);
  }

  /**
   * Takes up the batches that are CREATED or ACTIVE but held by no live lease: their engine stopped
   * or died with items left. Called by the engine's periodic scan; answers how many it took up.
   */
  public int takeOverInterrupted() {
    if (itemActions == null) {
      return 0;
    }
    final List<Long> stranded =
        jdbc.sql(
                "SELECT key FROM engine.batch_operation WHERE state IN ('CREATED', 'ACTIVE') AND"
                    + " (lease_until IS NULL OR lease_until < ?) ORDER BY key")
            .param(Timestamp.from(clock.now()))
            .query(Long.class)
            .list();
    int taken = 0;
    for (final Long key : stranded) {
      if (!working.contains(key)) {
        LOG.info("Taking up batch operation {}, which no engine is working off", key);
        work(key);
        taken++;
      }
    }
    return taken;
  }

  private void transition(
      final long key, final Set<String> from, final String to, final String verb) {
    final String current =
        state(key)
            .orElseThrow(
                () ->
                    Rejection.notFound(
                        "Expected to "
                            + verb
                            + " batch operation '"
                            + key
                            + "', but no batch operation was found with that key"));
    final int changed =
        jdbc.sql(
                "UPDATE engine.batch_operation SET state = ?, end_date = CASE WHEN ? THEN ?"
                    + " ELSE end_date END WHERE key = ? AND state IN (SELECT unnest(?::text[]))")
            .params(
                to,
                "CANCELED".equals(to),
                Timestamp.from(clock.now()),
                key,
                from.toArray(String[]::new))
            .update();
    if (changed == 0) {
      throw Rejection.invalidState(
          "Expected to "
              + verb
              + " batch operation '"
              + key
              + "', but it is "
              + current
              + "; only a batch operation that is "
              + String.join(" or ", from.stream().sorted().toList())
              + " can be"
              + ("cancel".equals(verb) ? " canceled" : " " + verb + "d"));
    }
  }

  private Optional<String> state(final long key) {
    return jdbc.sql("SELECT state FROM engine.batch_operation WHERE key = ?")
        .param(key)
        .query(String.class)
        .optional();
  }

  private void work(final long key) {
    if (working.add(key)) {
      executor.execute(() -> run(key));
    }
  }

  private void run(final long key) {
    try {
      jdbc.sql(
              "UPDATE engine.batch_operation SET state = 'ACTIVE', start_date = ? WHERE key = ?"
                  + " AND state = 'CREATED'")
          .params(Timestamp.from(clock.now()), key)
          .update();
      while (workChunk(key)) {
        // Each chunk reads the batch's state again, so suspension and cancellation take hold.
      }
    } catch (RuntimeException e) {
      LOG.error("Batch operation {} stopped", key, e);
    } finally {
      release(key);
      working.remove(key);
    }
    // Resumed while this worker was finishing: go on.
    if (state(key).filter("ACTIVE"::equals).isPresent() && hasOpenItems(key)) {
      work(key);
    }
  }

  /**
   * Works off the next chunk of open items; false once the batch ended or is held, or another
   * engine holds its lease.
   */
  private boolean workChunk(final long key) {
    if (!renewLease(key)) {
      return false;
    }
    final ItemAction action = actions.computeIfAbsent(key, this::storedAction);
    if (action == null) {
      return false;
    }
    final List<BatchItem> chunk =
        jdbc.sql(
                "SELECT item_key, process_instance_key FROM engine.batch_operation_item WHERE"
                    + " batch_operation_key = ? AND state = 'ACTIVE' ORDER BY item_key LIMIT ?")
            .params(key, CHUNK)
            .query((rs, n) -> new BatchItem(rs.getLong(1), rs.getLong(2)))
            .list();
    if (chunk.isEmpty()) {
      finish(key);
      return false;
    }
    for (final BatchItem item : chunk) {
      if (state(key).filter("ACTIVE"::equals).isEmpty()) {
        return false;
      }
      String error = null;
      try {
        action.apply(item);
      } catch (RuntimeException e) {
        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
      jdbc.sql(
              "UPDATE engine.batch_operation_item SET state = ?, error_message = ?,"
                  + " processed_date = ? WHERE batch_operation_key = ? AND item_key = ?"
                  // The item was done even if the batch was canceled while it was being done.
                  + " AND state IN ('ACTIVE', 'CANCELED')")
          .params(
              error == null ? "COMPLETED" : "FAILED",
              error,
              Timestamp.from(clock.now()),
              key,
              item.itemKey())
          .update();
    }
    return true;
  }

  /**
   * Ends a batch whose items are all processed: COMPLETED when none failed, FAILED when all did
   * (and there were some), PARTIALLY_COMPLETED otherwise.
   */
  private void finish(final long key) {
    jdbc.sql(
            "UPDATE engine.batch_operation b SET end_date = ?, state = CASE"
                + " WHEN NOT EXISTS (SELECT 1 FROM engine.batch_operation_item i WHERE"
                + " i.batch_operation_key = b.key AND i.state = 'FAILED') THEN 'COMPLETED'"
                + " WHEN NOT EXISTS (SELECT 1 FROM engine.batch_operation_item i WHERE"
                + " i.batch_operation_key = b.key AND i.state <> 'FAILED') THEN 'FAILED'"
                + " ELSE 'PARTIALLY_COMPLETED' END WHERE key = ? AND state = 'ACTIVE'")
        .params(Timestamp.from(clock.now()), key)
        .update();
    actions.remove(key);
  }

  /**
   * Takes or renews the lease of an ACTIVE batch for this engine: false when the batch is not
   * ACTIVE or another engine's lease on it still holds.
   */
  private boolean renewLease(final long key) {
    final Timestamp now = Timestamp.from(clock.now());
    return jdbc.sql(
                "UPDATE engine.batch_operation SET runner = ?, lease_until = ? WHERE key = ? AND"
                    + " state = 'ACTIVE' AND (runner IS NULL OR runner = ? OR lease_until IS NULL"
                    + " OR lease_until < ?)")
            .params(runner, leaseEnd(), key, runner, now)
            .update()
        == 1;
  }

  /** Lets go of this engine's lease when its worker stops (ended, suspended, or failed). */
  private void release(final long key) {
    jdbc.sql(
            "UPDATE engine.batch_operation SET runner = NULL, lease_until = NULL WHERE key = ? AND"
                + " runner = ?")
        .params(key, runner)
        .update();
  }

  private Timestamp leaseEnd() {
    return Timestamp.from(clock.now().plus(LEASE));
  }

  /** What the batch does to each item, made again from its stored type and plan. */
  private ItemAction storedAction(final long key) {
    return jdbc.sql("SELECT type, plan FROM engine.batch_operation WHERE key = ?")
        .param(key)
        .query(
            (rs, n) -> itemActions.of(BatchOperationType.valueOf(rs.getString(1)), rs.getString(2)))
        .optional()
        .orElse(null);
  }

  private boolean hasOpenItems(final long key) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM engine.batch_operation_item WHERE batch_operation_key"
                + " = ? AND state = 'ACTIVE')")
        .param(key)
        .query(Boolean.class)
        .single();
  }
}
