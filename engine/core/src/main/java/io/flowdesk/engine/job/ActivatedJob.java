package io.flowdesk.engine.job;

import io.flowdesk.engine.state.NewJob;
import java.util.Map;

/**
 * A job handed to a worker, with everything Zeebe's ActivatedJob message carries; {@code
 * listenerEventType} is null for an element's own job; {@code userTask} holds the user task's
 * properties for a task listener's job, null otherwise.
 */
public record ActivatedJob(
    long key,
    String type,
    long processInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    long elementInstanceKey,
    String customHeaders,
    String worker,
    int retries,
    long deadline,
    Map<String, Object> variables,
    String listenerEventType,
    Map<String, Object> userTask) {

  /**
   * Zeebe's job kind: an execution or task listener's job, an ad-hoc sub-process's, or the
   * element's own.
   */
  public String kind() {
    return kindOf(listenerEventType);
  }

  /** The job kind of a job with this stored listener event type. */
  public static String kindOf(final String listenerEventType) {
    if (listenerEventType == null) {
      return "BPMN_ELEMENT";
    }
    if (NewJob.AD_HOC_SUB_PROCESS.equals(listenerEventType)) {
      return NewJob.AD_HOC_SUB_PROCESS;
    }
    return "START".equals(listenerEventType) || "END".equals(listenerEventType)
        ? "EXECUTION_LISTENER"
        : "TASK_LISTENER";
  }

  /** START, END, CREATING … CANCELING for a listener's job, UNSPECIFIED for the element's own. */
  public String listenerEvent() {
    return listenerEventType == null || NewJob.AD_HOC_SUB_PROCESS.equals(listenerEventType)
        ? "UNSPECIFIED"
        : listenerEventType;
  }
}
