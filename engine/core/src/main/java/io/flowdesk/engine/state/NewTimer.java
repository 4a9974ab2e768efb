package io.flowdesk.engine.state;

import java.time.Instant;

/**
 * A timer a command created.
 *
 * @param elementInstanceKey the waiting element instance; null for a timer start event
 * @param elementId the timer event
 * @param repetitions repetitions after this one: 0 none, -1 unbounded
 * @param cycle how the next due date follows from this one (ISO interval or cron); null if none
 */
public record NewTimer(
    long key,
    long processDefinitionKey,
    Long processInstanceKey,
    Long elementInstanceKey,
    String elementId,
    Instant dueDate,
    int repetitions,
    String cycle) {}
