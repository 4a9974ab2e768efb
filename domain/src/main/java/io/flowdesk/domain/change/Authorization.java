package io.flowdesk.domain.change;

/** The outcome of a change's authorization (change manager, CAB or emergency CAB). */
public enum Authorization {
  APPROVED,
  REJECTED
}
