package io.flowdesk.engine.job;

import java.util.Map;

/**
 * A job handed to a worker, with everything Zeebe's ActivatedJob message carries; {@code
 * listenerEventType} is null for an element's own job.
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
    String listenerEventType) {

  /** Zeebe's job kind: an execution listener's job, or the element's own. */
  public String kind() {
    return listenerEventType == null ? "BPMN_ELEMENT" : "EXECUTION_LISTENER";
  }

  /** START or END for an execution listener's job, UNSPECIFIED for the element's own. */
  public String listenerEvent() {
    return listenerEventType == null ? "UNSPECIFIED" : listenerEventType;
  }
}
