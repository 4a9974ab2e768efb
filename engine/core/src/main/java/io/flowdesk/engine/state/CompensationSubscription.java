package io.flowdesk.engine.state;

/**
 * What compensation needs to remember of an instance beyond its live element instances (table
 * {@code engine.compensation_subscription}).
 *
 * @param key a completed activity's element instance key ({@link State#COMPLETED}), or a running
 *     handler's ({@link State#INVOKED})
 * @param scopeKey the flow scope instance the activity completed in, or the throw event that waits
 *     for the handler
 * @param elementId the completed activity, or the handler
 * @param handlerId the handler to invoke for a completed activity; null for a completed sub-process
 *     kept only for the activities inside it, and for an invoked handler
 * @param state whether it waits for compensation or is a handler running
 */
public record CompensationSubscription(
    long key, long scopeKey, String elementId, String handlerId, State state) {

  /** A completed activity waits for compensation; an invoked handler runs for a throw event. */
  public enum State {
    COMPLETED,
    INVOKED
  }
}
