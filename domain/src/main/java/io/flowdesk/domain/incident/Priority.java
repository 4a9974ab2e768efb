package io.flowdesk.domain.incident;

/** ITIL priority, P1 (critical) to P5 (planning); decided by the process's priority DMN. */
public enum Priority {
  P1,
  P2,
  P3,
  P4,
  P5
}
