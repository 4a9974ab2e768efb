package io.flowdesk.engine.model;

/** {@code zeebe:script} on a script task evaluated by the engine itself (FEEL). */
public record ScriptDefinition(Expression expression, String resultVariable) {}
