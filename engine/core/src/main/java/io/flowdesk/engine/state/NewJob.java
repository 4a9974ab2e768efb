package io.flowdesk.engine.state;

import java.util.Map;

/**
 * A job created by the command being processed; inserted when the command commits. {@code
 * listenerEventType} is START or END for an execution listener's job, CREATING … CANCELING for a
 * task listener's job, null otherwise; {@code userTask} is what a task listener's job tells its
 * worker about the user task (null for other jobs).
 */
public record NewJob(
    long key,
    String type,
    int retries,
    Map<String, String> customHeaders,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String bpmnProcessId,
    long processDefinitionKey,
    int processDefinitionVersion,
    String listenerEventType,
    Map<String, Object> userTask) {

  /** The job of an element itself (not of one of its execution listeners). */
  public NewJob(
      final long key,
      final String type,
      final int retries,
      final Map<String, String> customHeaders,
      final long processInstanceKey,
      final long elementInstanceKey,
      final String elementId,
      final String bpmnProcessId,
      final long processDefinitionKey,
      final int processDefinitionVersion) {
    this(
        key,
        type,
        retries,
        customHeaders,
        processInstanceKey,
        elementInstanceKey,
        elementId,
        bpmnProcessId,
        processDefinitionKey,
        processDefinitionVersion,
        null,
        null);
  }
}
