package io.flowdesk.engine.state;

/** A signal subscription a waiting element instance opened; elementId is the catching event. */
public record NewSignalSubscription(
    long key,
    String signalName,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    long processInstanceKey,
    long elementInstanceKey) {}
