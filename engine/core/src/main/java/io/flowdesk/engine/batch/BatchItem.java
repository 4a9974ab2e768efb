package io.flowdesk.engine.batch;

/**
 * One thing a batch operation acts on: a process instance, or for incident resolution an incident
 * (then {@code itemKey} is the incident's key and {@code processInstanceKey} its instance's).
 */
public record BatchItem(long itemKey, long processInstanceKey) {}
