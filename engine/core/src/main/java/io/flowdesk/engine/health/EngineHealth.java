package io.flowdesk.engine.health;

import io.flowdesk.engine.support.EngineClock;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the engine has waiting, for an operator (Flowdesk-specific: Camunda 8.8's {@code /v2} has no
 * aggregate for these): jobs waiting per type, the workers seen asking for them, timers due, open
 * message subscriptions, and the instances behind jobs. Each list names a few affected process
 * instances ({@value #SAMPLE} at most) to look at. Reads only; one query each.
 */
public final class EngineHealth {

  static final int SAMPLE = 5;
  private static final int MAX_ROWS = 200;

  private final JdbcClient jdbc;
  private final EngineClock clock;

  public EngineHealth(final JdbcClient jdbc, final EngineClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Jobs of a type: activatable now, activated (being worked on), the oldest activatable, and when
   * a worker last asked for jobs of the type (null: never, since the engine keeps track).
   */
  public record JobBacklog(
      String type,
      long activatable,
      long activated,
      Instant oldestCreated,
      List<Long> instances,
      Instant lastPoll) {

    /**
     * Jobs wait and no worker has asked for them for {@code patience}: work that silently piles up
     * (a worker not configured or not running).
     */
    public boolean unattended(final Instant now, final Duration patience) {
      return activatable > 0 && (lastPoll == null || lastPoll.isBefore(now.minus(patience)));
    }
  }

  /** A worker that asked for jobs of a type: when it last asked and last got some. */
  public record Worker(String type, String worker, Instant lastPoll, Instant lastActivation) {}

  /** Timers that are due and not fired yet: how many, the most overdue, and a few instances. */
  public record TimersDue(long count, Instant mostOverdue, List<Long> instances) {}

  /** Open message subscriptions of one message name. */
  public record Subscriptions(String messageName, long count, List<Long> instances) {}

  /** Job types with jobs waiting or in work, most waiting first. */
  public List<JobBacklog> jobBacklog() {
    return jdbc.sql(
            "SELECT j.type, count(*) FILTER (WHERE j.state = 'ACTIVATABLE'),"
                + " count(*) FILTER (WHERE j.state = 'ACTIVATED'),"
                + " min(j.created_at) FILTER (WHERE j.state = 'ACTIVATABLE'),"
                + " (array_agg(DISTINCT j.process_instance_key) FILTER (WHERE j.state ="
                + " 'ACTIVATABLE'))[1:"
                + SAMPLE
                + "], (SELECT max(w.last_poll_at) FROM engine.job_worker w WHERE w.type = j.type)"
                + " FROM engine.job j WHERE j.state IN ('ACTIVATABLE', 'ACTIVATED')"
                + " GROUP BY j.type ORDER BY 2 DESC, j.type LIMIT "
                + MAX_ROWS)
        .query(
            (rs, n) ->
                new JobBacklog(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    instant(rs, 4),
                    keys(rs.getArray(5)),
                    instant(rs, 6)))
        .list();
  }

  /** The workers seen, latest poll first. */
  public List<Worker> workers() {
    return jdbc.sql(
            "SELECT type, worker, last_poll_at, last_activation_at FROM engine.job_worker"
                + " ORDER BY last_poll_at DESC, type, worker LIMIT "
                + MAX_ROWS)
        .query(
            (rs, n) -> new Worker(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4)))
        .list();
  }

  /** Timers of running instances (and start events) due by the engine's clock. */
  public TimersDue timersDue() {
    return jdbc.sql(
            "SELECT count(*), min(due_date), (array_agg(DISTINCT process_instance_key) FILTER"
                + " (WHERE process_instance_key IS NOT NULL))[1:"
                + SAMPLE
                + "] FROM engine.timer WHERE due_date <= ?")
        .param(Timestamp.from(clock.now()))
        .query((rs, n) -> new TimersDue(rs.getLong(1), instant(rs, 2), keys(rs.getArray(3))))
        .single();
  }

  /** Open subscriptions of waiting instances, per message name, most first. */
  public List<Subscriptions> messageSubscriptions() {
    return jdbc.sql(
            "SELECT message_name, count(*), (array_agg(DISTINCT process_instance_key))[1:"
                + SAMPLE
                + "] FROM engine.message_subscription GROUP BY message_name ORDER BY 2 DESC,"
                + " message_name LIMIT "
                + MAX_ROWS)
        .query((rs, n) -> new Subscriptions(rs.getString(1), rs.getLong(2), keys(rs.getArray(3))))
        .list();
  }

  /**
   * The process instance of each job the engine still knows (a live job, or one an incident names),
   * by job key; jobs it no longer knows are missing.
   */
  public Map<Long, Long> instancesOfJobs(final List<Long> jobKeys) {
    final Map<Long, Long> instances = new TreeMap<>();
    if (jobKeys.isEmpty()) {
      return instances;
    }
    final Long[] keys = jobKeys.toArray(Long[]::new);
    jdbc.sql(
            "SELECT key, process_instance_key FROM engine.job WHERE key = ANY (?::bigint[])"
                + " UNION SELECT job_key, process_instance_key FROM engine.incident"
                + " WHERE job_key = ANY (?::bigint[])")
        .params(keys, keys)
        .query(
            rs -> {
              instances.put(rs.getLong(1), rs.getLong(2));
            });
    return instances;
  }

  private static Instant instant(final ResultSet rs, final int column) throws SQLException {
    final Timestamp time = rs.getTimestamp(column);
    return time == null ? null : time.toInstant();
  }

  private static List<Long> keys(final Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList((Long[]) array.getArray()));
  }
}
