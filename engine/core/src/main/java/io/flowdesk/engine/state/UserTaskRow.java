package io.flowdesk.engine.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Camunda user task as stored, read under its process instance's lock and changed in place by the
 * command until {@link UserTaskRows#save} writes it back. {@code transition} holds the pending
 * lifecycle transition (null when none), {@code listenerIndex} the listeners of it that completed.
 */
public final class UserTaskRow {

  public final long key;
  public final long processInstanceKey;
  public final long elementInstanceKey;
  public final String elementId;
  public String state;
  public String assignee;
  public List<String> candidateGroups;
  public List<String> candidateUsers;
  public Instant dueDate;
  public Instant followUpDate;
  public int priority;
  public final Long formKey;
  public int listenerIndex;
  public Map<String, Object> transition;
  public Map<String, Object> transitionOutcome;
  public Instant completedAt;

  public UserTaskRow(
      final long key,
      final long processInstanceKey,
      final long elementInstanceKey,
      final String elementId,
      final String state,
      final String assignee,
      final List<String> candidateGroups,
      final List<String> candidateUsers,
      final Instant dueDate,
      final Instant followUpDate,
      final int priority,
      final Long formKey) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.elementInstanceKey = elementInstanceKey;
    this.elementId = elementId;
    this.state = state;
    this.assignee = assignee;
    this.candidateGroups = new ArrayList<>(candidateGroups);
    this.candidateUsers = new ArrayList<>(candidateUsers);
    this.dueDate = dueDate;
    this.followUpDate = followUpDate;
    this.priority = priority;
    this.formKey = formKey;
  }

  /** The row of a task this command creates. */
  public static UserTaskRow of(final NewUserTask task) {
    return new UserTaskRow(
        task.key(),
        task.processInstanceKey(),
        task.elementInstanceKey(),
        task.elementId(),
        task.state(),
        task.assignee(),
        task.candidateGroups(),
        task.candidateUsers(),
        task.dueDate(),
        task.followUpDate(),
        task.priority(),
        task.formKey());
  }

  /** The attributes listeners see and correct, by their API names. */
  public Map<String, Object> attributes() {
    final Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("assignee", assignee);
    attributes.put("candidateGroups", List.copyOf(candidateGroups));
    attributes.put("candidateUsers", List.copyOf(candidateUsers));
    attributes.put("dueDate", dueDate == null ? null : dueDate.toString());
    attributes.put("followUpDate", followUpDate == null ? null : followUpDate.toString());
    attributes.put("priority", priority);
    return attributes;
  }

  /** Takes over attributes (as {@link #attributes()} names them). */
  @SuppressWarnings("unchecked")
  public void apply(final Map<String, Object> attributes) {
    assignee = (String) attributes.get("assignee");
    candidateGroups = new ArrayList<>((List<String>) attributes.get("candidateGroups"));
    candidateUsers = new ArrayList<>((List<String>) attributes.get("candidateUsers"));
    dueDate = instant(attributes.get("dueDate"));
    followUpDate = instant(attributes.get("followUpDate"));
    priority = ((Number) attributes.get("priority")).intValue();
  }

  private static Instant instant(final Object text) {
    return text == null ? null : Instant.parse((String) text);
  }

  /** Whether the task has ended (completed or canceled). */
  public boolean ended() {
    return "COMPLETED".equals(state) || "CANCELED".equals(state);
  }
}
