package io.flowdesk.engine.dmn;

/**
 * An output entry of a matched rule.
 *
 * @param outputId the output id
 * @param outputName the output name (the result key when a table has several outputs)
 * @param outputValue JSON-like value
 */
public record EvaluatedOutput(String outputId, String outputName, Object outputValue) {}
