package io.flowdesk.engine.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's record log, for assertions on what happened to a process instance and in which
 * order. Waits (briefly) for things that happen asynchronously, such as workers completing jobs.
 */
public final class EngineRecords {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private final JdbcClient jdbc;

  EngineRecords(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** One entry of the record log. */
  public record Entry(
      long key, String valueType, String intent, String elementId, String payload) {}

  public List<Entry> of(final long processInstanceKey) {
    return ofInstances(processInstanceKey);
  }

  /**
   * The records of several process instances (e.g. a parent and the instances its call activities
   * started) in the one order they happened.
   */
  public List<Entry> ofInstances(final Long... processInstanceKeys) {
    return jdbc.sql(
            "SELECT key, value_type, intent, element_id, payload FROM engine.record"
                + " WHERE process_instance_key = ANY(?) ORDER BY position")
        .param(processInstanceKeys)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  /** Element ids with the given process-instance intent, in the order they happened. */
  public List<String> elements(final long processInstanceKey, final String intent) {
    return of(processInstanceKey).stream()
        .filter(e -> e.valueType().equals("PROCESS_INSTANCE") && e.intent().equals(intent))
        .map(Entry::elementId)
        .toList();
  }

  public String stateOf(final long processInstanceKey) {
    return jdbc.sql("SELECT state FROM engine.process_instance WHERE key = ?")
        .param(processInstanceKey)
        .query(String.class)
        .optional()
        .orElse("NONE");
  }

  /** Waits until the process instance has ended in the given state (COMPLETED, TERMINATED). */
  public void awaitState(final long processInstanceKey, final String state) {
    final long until = System.nanoTime() + WAIT.toNanos();
    while (!state.equals(stateOf(processInstanceKey)) && System.nanoTime() < until) {
      pause();
    }
    assertThat(stateOf(processInstanceKey))
        .as("state of process instance %s", processInstanceKey)
        .isEqualTo(state);
  }

  public void awaitCompleted(final long processInstanceKey) {
    awaitState(processInstanceKey, "COMPLETED");
  }

  /** Open incidents of an instance as "errorType: message", waiting until there is at least one. */
  public List<Incident> awaitIncidents(final long processInstanceKey) {
    final long until = System.nanoTime() + WAIT.toNanos();
    List<Incident> incidents = incidents(processInstanceKey);
    while (incidents.isEmpty() && System.nanoTime() < until) {
      pause();
      incidents = incidents(processInstanceKey);
    }
    assertThat(incidents).as("open incidents of %s", processInstanceKey).isNotEmpty();
    return incidents;
  }

  /** An open incident. */
  public record Incident(
      long key, String elementId, String errorType, String errorMessage, Long jobKey) {}

  public List<Incident> incidents(final long processInstanceKey) {
    return jdbc.sql(
            "SELECT key, element_id, error_type, error_message, job_key FROM engine.incident"
                + " WHERE process_instance_key = ? AND state = 'CREATED' ORDER BY key")
        .param(processInstanceKey)
        .query(
            (rs, n) ->
                new Incident(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    (Long) rs.getObject(5)))
        .list();
  }

  /** Keys of the instances of a process, oldest first (e.g. those that start events created). */
  public List<Long> instancesOf(final String bpmnProcessId) {
    return jdbc.sql(
            "SELECT key FROM engine.process_instance WHERE bpmn_process_id = ? ORDER BY key")
        .param(bpmnProcessId)
        .query(Long.class)
        .list();
  }

  /** Whether an element of the instance has reached {@code intent}, e.g. ELEMENT_COMPLETED. */
  public boolean passed(
      final long processInstanceKey, final String elementId, final String intent) {
    return elements(processInstanceKey, intent).contains(elementId);
  }

  /** A variable's JSON value in the process instance scope, or null. */
  public String variable(final long processInstanceKey, final String name) {
    return jdbc.sql(
            "SELECT (payload::jsonb -> 'value')::text FROM engine.record WHERE process_instance_key = ? AND value_type ="
                + " 'VARIABLE' AND payload::jsonb ->> 'name' = ? AND (payload::jsonb ->> 'scopeKey')::bigint = ?"
                + " ORDER BY position DESC LIMIT 1")
        .params(processInstanceKey, name, processInstanceKey)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
