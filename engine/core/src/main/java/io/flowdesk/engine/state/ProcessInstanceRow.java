package io.flowdesk.engine.state;

/** A process instance's identity and the definition it runs. */
public record ProcessInstanceRow(
    long key, long processDefinitionKey, String bpmnProcessId, int version, String state) {

  public boolean active() {
    return "ACTIVE".equals(state);
  }
}
