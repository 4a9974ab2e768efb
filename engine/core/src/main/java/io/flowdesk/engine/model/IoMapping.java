package io.flowdesk.engine.model;

/** One {@code zeebe:input} or {@code zeebe:output}: the FEEL source and the target variable. */
public record IoMapping(Expression source, String target) {}
