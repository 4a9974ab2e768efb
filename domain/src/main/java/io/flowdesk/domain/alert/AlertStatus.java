package io.flowdesk.domain.alert;

/** Whether the monitoring system says the alert's condition holds now. */
public enum AlertStatus {
  FIRING,
  RESOLVED
}
