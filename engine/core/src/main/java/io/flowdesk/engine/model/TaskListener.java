package io.flowdesk.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@code zeebe:taskListener} of a Camunda user task: a job of {@code type} that runs while the
 * task is in a lifecycle transition; the transition ends after the last listener of its event.
 */
public record TaskListener(EventType eventType, Expression type, Expression retries) {

  /** The lifecycle event a listener reacts to, named as Zeebe's job records name it. */
  public enum EventType {
    CREATING,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    CANCELING;

    /** Whether a listener may deny the transition (creation and cancellation cannot be denied). */
    public boolean deniable() {
      return this == ASSIGNING || this == UPDATING || this == COMPLETING;
    }

    /** The lower-case name used in BPMN and in error messages. */
    public String bpmnName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The event a BPMN {@code eventType} names: the 8.8 names, and the names of earlier versions
     * ({@code create}, {@code assignment}, {@code update}, {@code complete}, {@code cancel}) that
     * the model API still reads.
     */
    public static Optional<EventType> fromBpmn(final String name) {
      if (name == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(
          switch (name) {
            case "creating", "create" -> CREATING;
            case "assigning", "assignment" -> ASSIGNING;
            case "updating", "update" -> UPDATING;
            case "completing", "complete" -> COMPLETING;
            case "canceling", "cancel" -> CANCELING;
            default -> null;
          });
    }

    /** The event of a task listener job's stored listener event type; empty for other jobs. */
    public static Optional<EventType> ofJob(final String listenerEventType) {
      if (listenerEventType == null) {
        return Optional.empty();
      }
      for (final EventType type : values()) {
        if (type.name().equals(listenerEventType)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }
}
