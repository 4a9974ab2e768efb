package io.flowdesk.engine.state;

/**
 * A process instance's identity, the definition it runs and, for one a call activity started, its
 * place in the call hierarchy (null for a root instance).
 */
public record ProcessInstanceRow(
    long key,
    long processDefinitionKey,
    String bpmnProcessId,
    int version,
    String state,
    Long parentProcessInstanceKey,
    Long parentElementInstanceKey,
    Long rootProcessInstanceKey) {

  /** A root instance, the kind clients create. */
  public ProcessInstanceRow(
      final long key,
      final long processDefinitionKey,
      final String bpmnProcessId,
      final int version,
      final String state) {
    this(key, processDefinitionKey, bpmnProcessId, version, state, null, null, null);
  }

  public boolean active() {
    return "ACTIVE".equals(state);
  }

  public boolean hasParent() {
    return parentElementInstanceKey != null;
  }

  /** The instance whose row serialises commands on the whole call hierarchy. */
  public long rootKey() {
    return rootProcessInstanceKey == null ? key : rootProcessInstanceKey;
  }
}
