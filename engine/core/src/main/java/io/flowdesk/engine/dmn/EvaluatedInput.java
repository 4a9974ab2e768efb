package io.flowdesk.engine.dmn;

/**
 * A decision table input with the value its expression produced.
 *
 * @param inputId the input id
 * @param inputName the input label, or its expression when it has no label
 * @param inputValue JSON-like value
 */
public record EvaluatedInput(String inputId, String inputName, Object inputValue) {}
