package io.flowdesk.engine.model;

/**
 * A {@code zeebe:executionListener}: a job of {@code type} that runs before an element's own work
 * ({@code start}) or after it completed, before the flow goes on ({@code end}).
 */
public record ExecutionListener(EventType eventType, Expression type, Expression retries) {

  /** When the listener runs, named as Zeebe's job records name it. */
  public enum EventType {
    START,
    END
  }
}
