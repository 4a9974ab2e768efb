package io.flowdesk.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A Camunda user task ({@code zeebe:userTask}): the engine keeps the task itself, so it is
 * searched, assigned and completed through the engine rather than a job worker. Expressions are
 * null when not given.
 *
 * @param assignee {@code zeebe:assignmentDefinition assignee}
 * @param candidateGroups comma separated list, or FEEL yielding a list
 * @param candidateUsers comma separated list, or FEEL yielding a list
 * @param dueDate ISO 8601 date-time, or FEEL
 * @param followUpDate ISO 8601 date-time, or FEEL
 * @param priority 0..100, default 50
 * @param form the linked form, null when none
 * @param headers {@code zeebe:taskHeaders}
 * @param taskListeners {@code zeebe:taskListeners}, in document order
 */
public record UserTaskDefinition(
    Expression assignee,
    Expression candidateGroups,
    Expression candidateUsers,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    FormLink form,
    Map<String, String> headers,
    List<TaskListener> taskListeners) {

  /** The task listeners of one event, in document order. */
  public List<TaskListener> listeners(final TaskListener.EventType eventType) {
    return taskListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  /**
   * How the task names its form: a deployed form by id ({@code formId}, in the version its binding
   * chooses), an external reference, or a legacy {@code formKey}.
   */
  public record FormLink(
      String formId, ResourceBinding binding, Expression externalReference, String formKey) {}
}
