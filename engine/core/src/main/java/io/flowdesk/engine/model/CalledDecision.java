package io.flowdesk.engine.model;

/**
 * {@code zeebe:calledDecision} on a business rule task evaluated by the engine itself.
 *
 * @param binding which version of the decision is evaluated
 */
public record CalledDecision(
    Expression decisionId, String resultVariable, ResourceBinding binding) {}
