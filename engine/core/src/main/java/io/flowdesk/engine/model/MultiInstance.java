package io.flowdesk.engine.model;

/**
 * Multi-instance loop characteristics of an activity.
 *
 * @param sequential one inner instance at a time instead of all at once
 * @param inputCollection FEEL yielding the list to iterate
 * @param inputElement variable each inner instance gets its item as, null when none
 * @param outputCollection variable collecting the results, null when none
 * @param outputElement FEEL evaluated in each inner instance when it completes, null when none
 * @param completionCondition FEEL that ends the loop early, null when none
 */
public record MultiInstance(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}
