package io.flowdesk.engine.job;

import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Json;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands activatable jobs to workers. One statement claims them with {@code FOR UPDATE SKIP LOCKED},
 * so concurrent workers never receive the same job while its deadline has not passed.
 */
public final class JobActivator {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final EngineClock clock;
  private final EngineEvents events;
  private final WorkerSightings sightings;

  public JobActivator(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final EngineEvents events,
      final WorkerSightings sightings) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.clock = clock;
    this.events = events;
    this.sightings = sightings;
  }

  private record Claimed(
      long key,
      String type,
      int retries,
      String customHeaders,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      String bpmnProcessId,
      long processDefinitionKey,
      int version,
      String listenerEventType,
      String userTask) {}

  /**
   * Claims up to {@code max} jobs of {@code type}.
   *
   * @param fetchVariables names to hand over; empty means every visible variable
   */
  public List<ActivatedJob> activate(
      final String type,
      final String worker,
      final Duration timeout,
      final int max,
      final Set<String> fetchVariables) {
    if (max <= 0) {
      return List.of();
    }
    final List<ActivatedJob> claimed =
        transactions.execute(tx -> claim(type, worker, timeout, max, fetchVariables));
    sightings.seen(type, worker, !claimed.isEmpty());
    return claimed;
  }

  private List<ActivatedJob> claim(
      final String type,
      final String worker,
      final Duration timeout,
      final int max,
      final Set<String> fetchVariables) {
    final Instant now = clock.now();
    // Whole milliseconds, as workers see it, so that yieldBack can find this very claim again.
    final Instant deadline = now.plus(timeout).truncatedTo(ChronoUnit.MILLIS);
    final List<Claimed> claimed =
        jdbc.sql(
                "UPDATE engine.job SET state = 'ACTIVATED', deadline = ?, worker = ?,"
                    + " activatable_at = NULL WHERE key IN (SELECT key FROM engine.job"
                    + " WHERE type = ? AND state = 'ACTIVATABLE'"
                    + " AND (activatable_at IS NULL OR activatable_at <= ?)"
                    + " ORDER BY key LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " RETURNING key, type, retries, custom_headers, process_instance_key,"
                    + " element_instance_key, element_id, bpmn_process_id, process_definition_key,"
                    + " process_definition_version, listener_event_type, user_task")
            .params(Timestamp.from(deadline), worker, type, Timestamp.from(now), max)
            .query(
                (rs, n) ->
                    new Claimed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getLong(9),
                        rs.getInt(10),
                        rs.getString(11),
                        rs.getString(12)))
            .list();
    if (claimed.isEmpty()) {
      return List.of();
    }
    final List<ActivatedJob> jobs = new ArrayList<>();
    final List<PendingRecord> records = new ArrayList<>();
    final Map<Long, Map<String, Object>> variables =
        variables(claimed.stream().map(Claimed::elementInstanceKey).toList(), fetchVariables);
    for (final Claimed job :
        claimed.stream().sorted((a, b) -> Long.compare(a.key(), b.key())).toList()) {
      final ActivatedJob activated =
          new ActivatedJob(
              job.key(),
              job.type(),
              job.processInstanceKey(),
              job.bpmnProcessId(),
              job.version(),
              job.processDefinitionKey(),
              job.elementId(),
              job.elementInstanceKey(),
              job.customHeaders(),
              worker,
              job.retries(),
              deadline.toEpochMilli(),
              variables.getOrDefault(job.elementInstanceKey(), Map.of()),
              job.listenerEventType(),
              job.userTask() == null ? null : Json.readDocument(job.userTask(), "user task"));
      jobs.add(activated);
      records.add(activatedRecord(activated));
    }
    RecordLog.append(batch, records, Timestamp.from(now));
    return jobs;
  }

  /** The record log's line for a job handed to a worker. */
  static PendingRecord activatedRecord(final ActivatedJob job) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", job.type());
    payload.put("worker", job.worker());
    payload.put("deadline", job.deadline());
    payload.put("elementInstanceKey", job.elementInstanceKey());
    return new PendingRecord(
        job.key(), "JOB", "ACTIVATED", job.processInstanceKey(), job.elementId(), payload);
  }

  /**
   * Makes jobs of one claim that could not be handed over (the worker's request or stream was gone
   * when the answer was written) activatable again at once, as Zeebe yields a job it could not
   * push, instead of leaving them unseen until their deadline. A job the worker has meanwhile
   * completed, failed or that timed out and was claimed again is left as it is.
   */
  public void yieldBack(final List<ActivatedJob> undelivered) {
    if (undelivered.isEmpty()) {
      return;
    }
    final Instant now = clock.now();
    final List<PendingRecord> yielded =
        transactions.execute(
            tx -> {
              final List<PendingRecord> records =
                  jdbc.sql(
                          "UPDATE engine.job SET state = 'ACTIVATABLE', deadline = NULL,"
                              + " worker = NULL WHERE key = ANY (?) AND state = 'ACTIVATED'"
                              + " AND worker = ? AND deadline = ?"
                              + " RETURNING key, type, process_instance_key, element_id")
                      .params(
                          undelivered.stream().map(ActivatedJob::key).toArray(Long[]::new),
                          undelivered.get(0).worker(),
                          Timestamp.from(Instant.ofEpochMilli(undelivered.get(0).deadline())))
                      .query(
                          (rs, n) ->
                              new PendingRecord(
                                  rs.getLong(1),
                                  "JOB",
                                  "YIELDED",
                                  rs.getLong(3),
                                  rs.getString(4),
                                  Map.of("type", rs.getString(2))))
                      .list();
              RecordLog.append(batch, records, Timestamp.from(now));
              return records;
            });
    yielded.stream()
        .map(record -> (String) record.payload().get("type"))
        .distinct()
        .forEach(events::jobsAvailable);
  }

  /**
   * Variables visible from each job's element instance, the closest scope winning; one query for
   * the whole batch.
   */
  private Map<Long, Map<String, Object>> variables(
      final List<Long> elementInstanceKeys, final Set<String> names) {
    final Map<Long, Map<String, Object>> result = new HashMap<>();
    jdbc.sql(
            "WITH RECURSIVE scope(job_scope, key, depth) AS ("
                + " SELECT k, k, 0 FROM unnest(?::bigint[]) AS k"
                + " UNION ALL SELECT s.job_scope, e.flow_scope_key, s.depth + 1"
                + " FROM engine.element_instance e JOIN scope s ON e.key = s.key"
                + " WHERE e.flow_scope_key > 0)"
                + " SELECT s.job_scope, v.name, v.value FROM engine.variable v"
                + " JOIN scope s ON v.scope_key = s.key ORDER BY s.job_scope, s.depth")
        .param(elementInstanceKeys.toArray(new Long[0]))
        .query(
            rs -> {
              final String name = rs.getString(2);
              if (names.isEmpty() || names.contains(name)) {
                // Closer scopes come first and win.
                result
                    .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                    .putIfAbsent(name, Json.read(rs.getString(3)));
              }
            });
    return result;
  }
}
