package io.flowdesk.engine.deployment;

/** One file of a deployment, as the client sent it. */
public record DeploymentResource(String name, byte[] content) {}
