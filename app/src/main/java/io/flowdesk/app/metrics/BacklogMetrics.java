package io.flowdesk.app.metrics;

import io.flowdesk.domain.report.OpenIncidents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The service desk's incident backlog per priority, and the open incidents that breached a target.
 * Gauges read one grouped query, taken at most every {@link #MAX_AGE} however many gauges and
 * scrapers ask.
 */
final class BacklogMetrics implements MeterBinder {

  static final Duration MAX_AGE = Duration.ofSeconds(10);
  private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5", "none");

  private final OpenIncidents openIncidents;
  private final Clock clock;
  private Map<String, OpenIncidents.ByPriority> snapshot = Map.of();
  private Instant takenAt = Instant.MIN;

  BacklogMetrics(final OpenIncidents openIncidents, final Clock clock) {
    this.openIncidents = openIncidents;
    this.clock = clock;
  }

  @Override
  public void bindTo(final MeterRegistry registry) {
    for (final String priority : PRIORITIES) {
      gauge(
          registry,
          "flowdesk.incidents.open",
          "Open incidents (new, in progress, on hold)",
          priority,
          OpenIncidents.ByPriority::open);
      gauge(
          registry,
          "flowdesk.incidents.open.breached",
          "Open incidents that breached their response or resolution target",
          priority,
          OpenIncidents.ByPriority::breached);
    }
  }

  private void gauge(
      final MeterRegistry registry,
      final String name,
      final String description,
      final String priority,
      final ToLongFunction<OpenIncidents.ByPriority> figure) {
    Gauge.builder(name, this, metrics -> metrics.of(priority, figure))
        .description(description)
        .tag("priority", priority)
        .register(registry);
  }

  private synchronized double of(
      final String priority, final ToLongFunction<OpenIncidents.ByPriority> figure) {
    final Instant now = clock.instant();
    if (takenAt.plus(MAX_AGE).isBefore(now)) {
      snapshot =
          openIncidents.byPriority().stream()
              .collect(Collectors.toMap(OpenIncidents.ByPriority::priority, row -> row));
      takenAt = now;
    }
    final OpenIncidents.ByPriority row = snapshot.get(priority);
    return row == null ? 0 : figure.applyAsLong(row);
  }
}
