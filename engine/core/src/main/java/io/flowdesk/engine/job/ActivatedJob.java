package io.flowdesk.engine.job;

import java.util.Map;

/** A job handed to a worker, with everything Zeebe's ActivatedJob message carries. */
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
    Map<String, Object> variables) {}
