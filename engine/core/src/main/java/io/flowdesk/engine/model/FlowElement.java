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
 * @param eventDefinition details of a timer, message, error, signal, escalation or link event
 * @param attachedToId the activity a boundary event is attached to; null otherwise
 * @param interrupting a boundary event that cancels its activity, or an event sub-process start
 *     that cancels its flow scope
 * @param boundaryEventIds boundary events attached to this activity, in document order
 * @param eventSubProcessStartIds start events of the event sub-processes this scope contains
 * @param startEventId the none start event of a process or sub-process, the start event of an event
 *     sub-process; null otherwise
 * @param userTask a Camunda user task's assignment, schedule and form; null otherwise
 * @param calledElement the process a call activity starts; null otherwise
 * @param multiInstance loop characteristics of a multi-instance activity; null otherwise
 * @param executionListeners {@code zeebe:executionListeners}, in document order
 * @param adHoc what an ad-hoc sub-process activates and when it completes; null otherwise
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
    ScriptDefinition script,
    EventDefinition eventDefinition,
    String attachedToId,
    boolean interrupting,
    List<String> boundaryEventIds,
    List<String> eventSubProcessStartIds,
    String startEventId,
    UserTaskDefinition userTask,
    CalledElement calledElement,
    MultiInstance multiInstance,
    List<ExecutionListener> executionListeners,
    AdHoc adHoc) {

  /** The execution listeners of one kind, in document order. */
  public List<ExecutionListener> listeners(final ExecutionListener.EventType eventType) {
    return executionListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  /** Whether a job carries out this element (service, send, job-based script/rule tasks). */
  public boolean jobBased() {
    return taskDefinition != null;
  }

  /** An element whose instances hold child element instances. */
  public boolean isScope() {
    return type == BpmnElementType.PROCESS
        || type == BpmnElementType.SUB_PROCESS
        || type == BpmnElementType.EVENT_SUB_PROCESS
        || type == BpmnElementType.AD_HOC_SUB_PROCESS;
  }

  /**
   * Whether an instance of this element may own event subscriptions (timers, message and signal
   * subscriptions) that must close when it ends.
   */
  public boolean ownsSubscriptions() {
    return !boundaryEventIds.isEmpty()
        || !eventSubProcessStartIds.isEmpty()
        || type == BpmnElementType.EVENT_BASED_GATEWAY
        || type == BpmnElementType.RECEIVE_TASK
        || (type == BpmnElementType.INTERMEDIATE_CATCH_EVENT && eventDefinition != null);
  }
}
