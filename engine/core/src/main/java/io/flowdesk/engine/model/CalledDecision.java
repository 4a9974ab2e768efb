package io.flowdesk.engine.model;

/** {@code zeebe:calledDecision} on a business rule task evaluated by the engine itself. */
public record CalledDecision(Expression decisionId, String resultVariable) {}
