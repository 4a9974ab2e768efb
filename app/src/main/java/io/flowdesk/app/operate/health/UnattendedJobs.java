package io.flowdesk.app.operate.health;

import io.flowdesk.engine.Engine;
import io.flowdesk.engine.health.EngineHealth.JobBacklog;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Job types whose jobs wait while no worker has asked for them for a while ({@code
 * flowdesk.operate.unattended-job-after}, 10 minutes by default): a worker that is not configured
 * or not running, whose backlog would otherwise grow unseen. Shown on the admin front page and
 * marked on the engine health page; nothing against a Camunda cluster, whose tools show its own.
 */
@Component
public class UnattendedJobs {

  private final ObjectProvider<Engine> engine;
  private final Duration patience;

  UnattendedJobs(
      final ObjectProvider<Engine> engine,
      @Value("${flowdesk.operate.unattended-job-after:PT10M}") final Duration patience) {
    this.engine = engine;
    this.patience = patience;
  }

  /** How long jobs may wait unasked before they count as unattended. */
  public Duration patience() {
    return patience;
  }

  /** The unattended job types now, most waiting first. */
  public List<JobBacklog> now() {
    final Engine embedded = engine.getIfAvailable();
    if (embedded == null) {
      return List.of();
    }
    return of(embedded.health().jobBacklog(), embedded);
  }

  List<JobBacklog> of(final List<JobBacklog> backlog, final Engine embedded) {
    return backlog.stream()
        .filter(jobs -> jobs.unattended(embedded.clock().now(), patience))
        .toList();
  }
}
