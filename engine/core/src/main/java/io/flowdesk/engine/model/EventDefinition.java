package io.flowdesk.engine.model;

/**
 * What an event waits for or throws, beyond its type. Expressions are evaluated when the event's
 * subscription opens (catch events) or when it is thrown (throw and end events).
 */
public sealed interface EventDefinition {

  /** Waits until a date, for a duration, or along a cycle (ISO 8601 repeating interval or cron). */
  record Timer(Kind kind, Expression expression) implements EventDefinition {
    /** Which of BPMN's {@code timeDate}, {@code timeDuration}, {@code timeCycle} was given. */
    public enum Kind {
      DATE,
      DURATION,
      CYCLE
    }
  }

  /**
   * Waits for a published message of this name whose correlation key matches; start events have no
   * correlation key expression (null).
   */
  record Message(Expression name, Expression correlationKey) implements EventDefinition {}

  /**
   * Throws or catches a BPMN error. A catch event without code (null) catches every error; a throw
   * event's code may be FEEL.
   */
  record BpmnError(Expression code) implements EventDefinition {
    public boolean catchesAll() {
      return code == null;
    }
  }

  /** Broadcast by name to every waiting subscription. */
  record Signal(Expression name) implements EventDefinition {}

  /** Like an error, but a non-interrupting catch lets the thrower go on; null code catches all. */
  record Escalation(Expression code) implements EventDefinition {
    public boolean catchesAll() {
      return code == null;
    }
  }

  /** A throw link jumps to the catch link of the same name in the same flow scope. */
  record Link(String name) implements EventDefinition {}

  /**
   * Compensation. On a throw or end event: the activity whose compensation it triggers ({@code
   * activityRef}), null for every completed activity of its scope. On a boundary event: the handler
   * its association leads to (the activity marked {@code isForCompensation}).
   */
  record Compensation(String activityRef, String handlerId) implements EventDefinition {}
}
