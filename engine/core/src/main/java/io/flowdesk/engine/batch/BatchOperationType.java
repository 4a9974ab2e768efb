package io.flowdesk.engine.batch;

/** What a batch operation does to each of its items, by Camunda 8.8's names. */
public enum BatchOperationType {
  CANCEL_PROCESS_INSTANCE,
  RESOLVE_INCIDENT,
  MIGRATE_PROCESS_INSTANCE,
  MODIFY_PROCESS_INSTANCE
}
