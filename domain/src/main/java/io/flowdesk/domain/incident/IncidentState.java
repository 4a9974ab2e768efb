package io.flowdesk.domain.incident;

/** Where an incident is in its ITIL life cycle. */
public enum IncidentState {
  NEW,
  IN_PROGRESS,
  ON_HOLD,
  RESOLVED,
  CLOSED,
  CANCELED
}
