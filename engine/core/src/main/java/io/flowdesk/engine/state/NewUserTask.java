package io.flowdesk.engine.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Camunda user task created when its element was activated: CREATED, or CREATING while its
 * creating listeners run.
 */
public record NewUserTask(
    long key,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String name,
    String bpmnProcessId,
    long processDefinitionKey,
    int processDefinitionVersion,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    Instant dueDate,
    Instant followUpDate,
    int priority,
    Long formKey,
    String externalFormReference,
    Map<String, String> customHeaders,
    String state) {}
