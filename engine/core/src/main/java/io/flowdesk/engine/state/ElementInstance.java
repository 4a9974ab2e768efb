package io.flowdesk.engine.state;

import io.flowdesk.engine.model.BpmnElementType;

/**
 * An element instance that has not ended, as the command being processed sees it. Mutable only
 * inside one command's {@link InstanceState}; written back when the command commits.
 */
public final class ElementInstance {

  /** Lifecycle states, as Zeebe names the intents that lead to them. */
  public enum State {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    TERMINATING
  }

  private final long key;
  private final long processInstanceKey;
  private final long flowScopeKey;
  private String elementId;
  private final BpmnElementType type;
  private State state;
  private int listenerIndex;
  private boolean completionConditionFulfilled;

  public ElementInstance(
      final long key,
      final long processInstanceKey,
      final long flowScopeKey,
      final String elementId,
      final BpmnElementType type,
      final State state) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.flowScopeKey = flowScopeKey;
    this.elementId = elementId;
    this.type = type;
    this.state = state;
  }

  public long key() {
    return key;
  }

  public long processInstanceKey() {
    return processInstanceKey;
  }

  /** The enclosing process or sub-process instance; 0 for the process instance itself. */
  public long flowScopeKey() {
    return flowScopeKey;
  }

  public String elementId() {
    return elementId;
  }

  /** A migration maps the instance onto an element of another process definition. */
  void elementId(final String newElementId) {
    this.elementId = newElementId;
  }

  public BpmnElementType type() {
    return type;
  }

  public State state() {
    return state;
  }

  void state(final State newState) {
    this.state = newState;
  }

  /** How many execution listeners of the current phase (start, then end) have completed. */
  public int listenerIndex() {
    return listenerIndex;
  }

  void listenerIndex(final int index) {
    this.listenerIndex = index;
  }

  /**
   * Whether the worker of an ad-hoc sub-process (job worker implementation) fulfilled its
   * completion condition and it waits for what still runs inside before it completes.
   */
  public boolean completionConditionFulfilled() {
    return completionConditionFulfilled;
  }

  void completionConditionFulfilled(final boolean fulfilled) {
    this.completionConditionFulfilled = fulfilled;
  }

  public boolean isProcess() {
    return type == BpmnElementType.PROCESS;
  }
}
