package io.flowdesk.domain.alert;

import java.time.Instant;

/** An alert as the incident page shows it: where it came from and how often it fired. */
public record MonitoringAlert(
    String source,
    String fingerprint,
    AlertStatus status,
    String summary,
    String incidentNumber,
    int firedCount,
    Instant firstFiredAt,
    Instant lastEventAt) {

  static MonitoringAlert of(final AlertRow row) {
    return new MonitoringAlert(
        row.source(),
        row.fingerprint(),
        row.status(),
        row.summary(),
        row.incidentNumber(),
        row.firedCount(),
        row.firstFiredAt(),
        row.lastEventAt());
  }
}
