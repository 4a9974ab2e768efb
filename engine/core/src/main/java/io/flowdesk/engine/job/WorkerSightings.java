package io.flowdesk.engine.job;

import io.flowdesk.engine.support.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which workers ask for jobs of which type, and when they last polled and last got jobs
 * ({@code engine.job_worker}), for the engine's health. A busy worker polls many times a second, so
 * each (type, worker, got jobs or not) is written at most once per {@link #WRITE_EVERY}; a health
 * reader sees times that are at most that old. Losing a sighting never fails a poll.
 */
public final class WorkerSightings {

  static final Duration WRITE_EVERY = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(WorkerSightings.class);
  // Sightings are few (workers × types); the map keeps one entry per pair and outcome.
  private static final int MAX_REMEMBERED = 10_000;

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final Map<List<Object>, Instant> written = new ConcurrentHashMap<>();

  public WorkerSightings(final JdbcClient jdbc, final EngineClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A poll of {@code type} by {@code worker}; {@code activated} when it got jobs. */
  void seen(final String type, final String worker, final boolean activated) {
    final Instant now = clock.now();
    final String name = worker == null ? "" : worker;
    final List<Object> sighting = List.of(type, name, activated);
    final Instant last = written.get(sighting);
    if (last != null && last.plus(WRITE_EVERY).isAfter(now)) {
      return;
    }
    if (written.size() >= MAX_REMEMBERED) {
      written.clear();
    }
    written.put(sighting, now);
    try {
      jdbc.sql(
              "INSERT INTO engine.job_worker (type, worker, last_poll_at, last_activation_at)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (type, worker) DO UPDATE SET"
                  + " last_poll_at = GREATEST(job_worker.last_poll_at, EXCLUDED.last_poll_at),"
                  + " last_activation_at = GREATEST(job_worker.last_activation_at,"
                  + " EXCLUDED.last_activation_at)")
          .params(type, name, Timestamp.from(now), activated ? Timestamp.from(now) : null)
          .update();
    } catch (RuntimeException e) {
      LOG.warn("Could not record that worker '{}' polled for '{}'", name, type, e);
    }
  }
}
