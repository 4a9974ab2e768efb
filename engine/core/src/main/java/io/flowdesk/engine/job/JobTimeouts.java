package io.flowdesk.engine.job;

import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.EngineEvents;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives jobs whose deadline passed back to the pool (without using up a retry, as in Zeebe), and
 * wakes waiting workers when a back-off ended.
 */
public final class JobTimeouts {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final EngineClock clock;
  private final EngineEvents events;

  public JobTimeouts(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final EngineEvents events) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.clock = clock;
    this.events = events;
  }

  private record TimedOut(long key, String type, long processInstanceKey, String elementId) {}

  /** Runs whatever is due now; answers how many jobs timed out. */
  public int runDue() {
    final Timestamp now = Timestamp.from(clock.now());
    final List<TimedOut> timedOut =
        transactions.execute(
            tx -> {
              final List<TimedOut> jobs =
                  jdbc.sql(
                          "UPDATE engine.job SET state = 'ACTIVATABLE', deadline = NULL, worker ="
                              + " NULL WHERE key IN (SELECT key FROM engine.job WHERE state ="
                              + " 'ACTIVATED' AND deadline < ? FOR UPDATE SKIP LOCKED)"
                              + " RETURNING key, type, process_instance_key, element_id")
                      .param(now)
                      .query(
                          (rs, n) ->
                              new TimedOut(
                                  rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                      .list();
              RecordLog.append(
                  batch,
                  jobs.stream()
                      .map(
                          job ->
                              new PendingRecord(
                                  job.key(),
                                  "JOB",
                                  "TIMED_OUT",
                                  job.processInstanceKey(),
                                  job.elementId(),
                                  Map.of("type", job.type())))
                      .toList(),
                  now);
              return jobs;
            });
    timedOut.stream().map(TimedOut::type).distinct().forEach(events::jobsAvailable);
    // Clearing the ended back-off makes each one wake the workers exactly once.
    final List<String> backedOff =
        jdbc.sql(
                "UPDATE engine.job SET activatable_at = NULL WHERE state = 'ACTIVATABLE'"
                    + " AND activatable_at IS NOT NULL AND activatable_at <= ? RETURNING type")
            .param(now)
            .query(String.class)
            .list();
    backedOff.stream().distinct().forEach(events::jobsAvailable);
    return timedOut.size();
  }
}
