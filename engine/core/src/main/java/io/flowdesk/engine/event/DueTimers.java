package io.flowdesk.engine.event;

import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.execution.TimerSchedule;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.NewTimer;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.state.StatementBatch;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires timers that are due, those that fell due while the engine was down included. Each timer
 * fires in its own command; the timer row is deleted in that command, so of two engines on one
 * database (or a scan racing a cancellation) exactly one fires it, once.
 */
public final class DueTimers {

  private static final Logger LOG = LoggerFactory.getLogger(DueTimers.class);
  private static final int BATCH = 500;
  private static final int FIRING_THREADS = 8;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final Keys keys;
  private final EngineClock clock;
  private final ProcessInstanceCommands instances;
  private final ProcessDefinitions definitions;
  private final ExecutorService firingPool =
      Executors.newFixedThreadPool(
          FIRING_THREADS,
          runnable -> {
            final Thread thread = new Thread(runnable, "flowdesk-timer-firing");
            thread.setDaemon(true);
            return thread;
          });

  public DueTimers(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final Keys keys,
      final EngineClock clock,
      final ProcessInstanceCommands instances,
      final ProcessDefinitions definitions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.keys = keys;
    this.clock = clock;
    this.instances = instances;
    this.definitions = definitions;
  }

  private record DueTimer(
      long key,
      long processDefinitionKey,
      Long processInstanceKey,
      Long elementInstanceKey,
      String elementId,
      Instant dueDate,
      int repetitions,
      String cycle) {

    boolean repeats() {
      return repetitions != 0 && cycle != null;
    }

    int repetitionsAfterNext() {
      return repetitions < 0 ? -1 : repetitions - 1;
    }
  }

  /**
   * Fires every timer due now, {@value #FIRING_THREADS} at a time (each in its own command on its
   * own instance, so they run in parallel as client commands do); answers how many fired.
   */
  public int runDue() {
    final AtomicInteger fired = new AtomicInteger();
    List<DueTimer> due;
    do {
      due = due(clock.now());
      final List<Future<?>> firing = new ArrayList<>();
      for (final DueTimer timer : due) {
        firing.add(
            firingPool.submit(
                () -> {
                  try {
                    if (fire(timer)) {
                      fired.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    LOG.warn(
                        "Timer {} of element '{}' failed to fire",
                        timer.key(),
                        timer.elementId(),
                        e);
                  }
                }));
      }
      for (final Future<?> timer : firing) {
        try {
          timer.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return fired.get();
        } catch (ExecutionException e) {
          LOG.warn("Timer firing failed", e.getCause());
        }
      }
    } while (due.size() == BATCH);
    return fired.get();
  }

  /**
   * Stops the firing threads; a firing cut short rolls back, and its timer fires after the next
   * start.
   */
  public void close() {
    firingPool.shutdownNow();
    try {
      firingPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<DueTimer> due(final Instant now) {
    return jdbc.sql(
            "SELECT key, process_definition_key, process_instance_key, element_instance_key,"
                + " element_id, due_date, repetitions, cycle FROM engine.timer"
                + " WHERE due_date <= ? ORDER BY due_date, key LIMIT "
                + BATCH)
        .param(Timestamp.from(now))
        .query(
            (rs, n) ->
                new DueTimer(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getObject(3, Long.class),
                    rs.getObject(4, Long.class),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getInt(7),
                    rs.getString(8)))
        .list();
  }

  private boolean fire(final DueTimer timer) {
    if (timer.processInstanceKey() == null) {
      return fireStartEvent(timer);
    }
    return transactions.execute(
        tx -> {
          final InstanceState locked = lockAndClaim(timer).orElse(null);
          if (locked == null) {
            return false;
          }
          return instances.onLockedInstance(
              locked,
              false,
              pi -> Rejection.notFound("Process instance " + pi + " ended"),
              (state, execution) -> {
                state.append(triggered(timer));
                final boolean triggered =
                    execution.triggerEvent(timer.elementInstanceKey(), timer.elementId(), Map.of());
                final boolean ownerWaits =
                    state
                        .elementInstance(timer.elementInstanceKey())
                        .filter(owner -> owner.state() == ElementInstance.State.ACTIVATED)
                        .isPresent();
                if (triggered && timer.repeats() && ownerWaits) {
                  // A non-interrupting cycle: the owner still runs, so the next one is due.
                  state.addTimer(
                      new NewTimer(
                          keys.next(),
                          timer.processDefinitionKey(),
                          timer.processInstanceKey(),
                          timer.elementInstanceKey(),
                          timer.elementId(),
                          nextDue(timer),
                          timer.repetitionsAfterNext(),
                          timer.cycle()));
                }
                return triggered;
              });
        });
  }

  /**
   * Locks the timer's instance, loads it and deletes the timer row, in one round trip; the instance
   * when it still runs and the timer was still there (nobody fired or closed it first). A timer of
   * an instance that ended meanwhile is deleted all the same.
   */
  private Optional<InstanceState> lockAndClaim(final DueTimer timer) {
    final StatementBatch statements = new StatementBatch();
    final InstanceStore.QueuedLoad load =
        InstanceStore.queueLockAndLoad(statements, "?", false, timer.processInstanceKey());
    final int claim =
        statements.add("DELETE FROM engine.timer WHERE key = ? RETURNING key", timer.key());
    final boolean[] claimed = {false};
    statements.read(
        batch,
        (index, rows) -> {
          if (index == claim) {
            claimed[0] = rows.next();
          } else {
            load.read(index, rows);
          }
        });
    return claimed[0]
        ? load.loaded().filter(state -> state.processInstance().active())
        : Optional.empty();
  }

  private boolean fireStartEvent(final DueTimer timer) {
    return transactions.execute(
        tx -> {
          if (!claim(timer)) {
            return false;
          }
          instances.createAt(
              definitions.byKey(timer.processDefinitionKey()), timer.elementId(), Map.of());
          if (timer.repeats()) {
            jdbc.sql(
                    "INSERT INTO engine.timer (key, process_definition_key, element_id, due_date,"
                        + " repetitions, cycle) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                    keys.next(),
                    timer.processDefinitionKey(),
                    timer.elementId(),
                    Timestamp.from(nextDue(timer)),
                    timer.repetitionsAfterNext(),
                    timer.cycle())
                .update();
          }
          RecordLog.append(batch, List.of(triggered(timer)), Timestamp.from(clock.now()));
          return true;
        });
  }

  /**
   * The next due date of a cycle, counted from the due date that fired; a cycle that fell behind
   * (the engine was down) goes on from now instead of firing every missed repetition.
   */
  private Instant nextDue(final DueTimer timer) {
    final Instant next = TimerSchedule.next(timer.cycle(), timer.dueDate());
    final Instant now = clock.now();
    return next.isAfter(now) ? next : TimerSchedule.next(timer.cycle(), now);
  }

  /** Deletes the timer row; false when somebody else fired or closed it first. */
  private boolean claim(final DueTimer timer) {
    return jdbc.sql("DELETE FROM engine.timer WHERE key = ?").param(timer.key()).update() > 0;
  }

  private static PendingRecord triggered(final DueTimer timer) {
    return new PendingRecord(
        timer.key(),
        "TIMER",
        "TRIGGERED",
        timer.processInstanceKey(),
        timer.elementId(),
        Map.of(
            "dueDate",
            timer.dueDate().toEpochMilli(),
            "elementInstanceKey",
            timer.elementInstanceKey() == null ? -1L : timer.elementInstanceKey()));
  }
}
