package io.flowdesk.engine.state;

import java.util.Map;

/** A job created by the command being processed; inserted when the command commits. */
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
    int processDefinitionVersion) {}
