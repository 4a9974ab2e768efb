package io.flowdesk.engine.deployment;

import io.flowdesk.engine.model.ExecutableProcess;

/** A deployed version of a process, ready to run. */
public record ProcessDefinition(
    long key, String bpmnProcessId, int version, ExecutableProcess executable) {}
