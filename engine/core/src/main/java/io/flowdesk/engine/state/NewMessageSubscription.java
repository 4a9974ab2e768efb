package io.flowdesk.engine.state;

/** A message subscription a waiting element instance opened; elementId is the catching event. */
public record NewMessageSubscription(
    long key,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String bpmnProcessId,
    String messageName,
    String correlationKey,
    boolean interrupting) {}
