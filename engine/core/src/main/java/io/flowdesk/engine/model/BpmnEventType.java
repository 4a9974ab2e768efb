package io.flowdesk.engine.model;

/** The event definition an event carries; {@code NONE} for plain start, end and throw events. */
public enum BpmnEventType {
  NONE,
  TERMINATE,
  ERROR,
  MESSAGE,
  TIMER,
  SIGNAL,
  ESCALATION,
  LINK,
  COMPENSATION,
  CONDITIONAL,
  UNSPECIFIED
}
