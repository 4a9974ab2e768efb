package io.flowdesk.domain.incident;

/** An ITIL impact or urgency rating, as the reporter or the agent judges it. */
public enum Level {
  HIGH,
  MEDIUM,
  LOW
}
