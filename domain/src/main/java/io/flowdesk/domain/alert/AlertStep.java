package io.flowdesk.domain.alert;

/**
 * What one delivery of an alert asks of the caller, decided under the alert's lock by {@link
 * MonitoringAlerts}.
 */
public sealed interface AlertStep {

  /**
   * Open an incident for the alert, then report it with {@link MonitoringAlerts#opened} (or {@link
   * MonitoringAlerts#openingFailed}); {@code previous} is the incident of an earlier firing, if
   * any.
   */
  record Open(long alertId, String previous) implements AlertStep {}

  /** The alert fired again while its incident is open: note it there. */
  record Repeat(String incidentNumber, int firedCount) implements AlertStep {}

  /** The alert's condition ended: resolve its incident if still open. */
  record Resolve(String incidentNumber) implements AlertStep {}

  /** Nothing to do, and why (unknown alert resolved, an incident being opened by another call). */
  record Nothing(String reason) implements AlertStep {}
}
