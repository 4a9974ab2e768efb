package io.flowdesk.engine.model;

import java.util.List;
import java.util.Map;

/**
 * An executable BPMN flow node (or the process itself), with everything the engine needs to run it
 * and nothing else. Parts that do not apply to the element's type are null (or empty).
 *
 * @param id BPMN id
 * @param name BPMN name, null when absent
 * @param type element type
 * @param eventType event definition of an event, {@link BpmnEventType#NONE} for everything else
 * @param flowScopeId id of the enclosing process or sub-process; null for the process
 * @param incoming ids of incoming sequence flows, in document order
 * @param outgoing ids of outgoing sequence flows, in document order
 * @param defaultFlowId default flow of a gateway (or activity); null when none
 * @param inputs {@code zeebe:input} mappings, in order
 * @param outputs {@code zeebe:output} mappings, in order
 * @param taskDefinition job type and retries of a job-based task; null otherwise
 * @param taskHeaders {@code zeebe:taskHeaders}, in document order
 * @param calledDecision decision evaluated by a business rule task; null otherwise
 * @param script FEEL script of a script task; null otherwise
 */
public record FlowElement(
    String id,
    String name,
    BpmnElementType type,
    BpmnEventType eventType,
    String flowScopeId,
    List<String> incoming,
    List<String> outgoing,
    String defaultFlowId,
    List<IoMapping> inputs,
    List<IoMapping> outputs,
    TaskDefinition taskDefinition,
    Map<String, String> taskHeaders,
    CalledDecision calledDecision,
    ScriptDefinition script) {

  /** Whether a job carries out this element (service, send, job-based script/rule tasks). */
  public boolean jobBased() {
    return taskDefinition != null;
  }
}
