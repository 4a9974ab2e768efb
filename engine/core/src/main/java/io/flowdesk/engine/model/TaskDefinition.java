package io.flowdesk.engine.model;

/** {@code zeebe:taskDefinition}: the job type and retries (each static or FEEL). */
public record TaskDefinition(Expression type, Expression retries) {}
