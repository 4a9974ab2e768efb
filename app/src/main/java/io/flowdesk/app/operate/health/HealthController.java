package io.flowdesk.app.operate.health;

import io.flowdesk.app.housekeeping.HistoryCleanupStatus;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.delivery.DeliveryStatus;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.health.EngineHealth;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Engine health ({@code /operate/health}): jobs waiting per type, the workers seen asking for them,
 * timers due, open message subscriptions, the history cleanup's schedule and last run, and the
 * connectors' failed deliveries, each with links to the affected process instances. Camunda 8.8's
 * /v2 has no such aggregates, so this reads the embedded engine's own {@link EngineHealth}
 * (Flowdesk-specific); against a Camunda cluster the page says it has nothing to show.
 */
@Controller
@RequestMapping("/operate/health")
class HealthController {

  static final int FAILED_DELIVERIES = 50;

  private final ObjectProvider<Engine> engine;
  private final DeliveryLog deliveries;
  private final UnattendedJobs unattended;
  private final ObjectProvider<HistoryCleanupStatus> historyCleanup;

  HealthController(
      final ObjectProvider<Engine> engine,
      final DeliveryLog deliveries,
      final UnattendedJobs unattended,
      final ObjectProvider<HistoryCleanupStatus> historyCleanup) {
    this.engine = engine;
    this.deliveries = deliveries;
    this.unattended = unattended;
    this.historyCleanup = historyCleanup;
  }

  /** A failed delivery with the instance whose job sent it, when the engine still knows it. */
  record FailedDelivery(Delivery delivery, Long processInstanceKey) {}

  @GetMapping
  String health(final Model model) {
    final Engine embedded = engine.getIfAvailable();
    final List<Delivery> failed =
        deliveries.recent(DeliveryStatus.FAILED, null, 0, FAILED_DELIVERIES);
    model.addAttribute("embedded", embedded != null);
    Map<Long, Long> instances = Map.of();
    if (embedded != null) {
      final EngineHealth health = embedded.health();
      final List<EngineHealth.JobBacklog> backlog = health.jobBacklog();
      model.addAttribute("backlog", backlog);
      model.addAttribute(
          "unattendedTypes",
          unattended.of(backlog, embedded).stream().map(EngineHealth.JobBacklog::type).toList());
      model.addAttribute("patience", unattended.patience().toMinutes());
      model.addAttribute("workers", health.workers());
      model.addAttribute("timers", health.timersDue());
      model.addAttribute("subscriptions", health.messageSubscriptions());
      final HistoryCleanupStatus cleanup = historyCleanup.getIfAvailable();
      model.addAttribute("historyCleanup", cleanup == null ? null : cleanup.read());
      instances = health.instancesOfJobs(failed.stream().map(Delivery::jobKey).toList());
    }
    final Map<Long, Long> byJob = instances;
    model.addAttribute(
        "failedDeliveries",
        failed.stream().map(d -> new FailedDelivery(d, byJob.get(d.jobKey()))).toList());
    return "operate/health";
  }
}
