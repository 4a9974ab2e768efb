package io.flowdesk.domain.alert;

/**
 * One alert as a monitoring system delivers it, normalised: {@code source} names the sender (e.g.
 * {@code alertmanager}), {@code fingerprint} identifies the alert within it.
 */
public record AlertEvent(String source, String fingerprint, AlertStatus status, String summary) {

  public AlertEvent {
    if (source == null || source.isBlank() || source.length() > 64) {
      throw new IllegalArgumentException("source is required (at most 64 characters)");
    }
    if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 200) {
      throw new IllegalArgumentException("fingerprint is required (at most 200 characters)");
    }
    if (status == null) {
      throw new IllegalArgumentException("status is required: firing or resolved");
    }
    if (status == AlertStatus.FIRING && (summary == null || summary.isBlank())) {
      throw new IllegalArgumentException("summary is required for a firing alert");
    }
  }
}
