package io.flowdesk.engine.state;

import java.util.Map;

/**
 * A job created by the command being processed; inserted when the command commits. {@code
 * listenerEventType} is START or END for an execution listener's job, CREATING … CANCELING for a
 * task listener's job, {@link #AD_HOC_SUB_PROCESS} for an ad-hoc sub-process's, null otherwise;
 * {@code userTask} is what a task listener's job tells its worker about the user task (null for
 * other jobs).
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

  /**
   * The {@code listenerEventType} that marks the job of an ad-hoc sub-process implemented by a job
   * worker (Zeebe's job kind {@code AD_HOC_SUB_PROCESS}): the column tells the kinds of jobs apart,
   * null being an element's own job.
   */
  public static final String AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS";

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
