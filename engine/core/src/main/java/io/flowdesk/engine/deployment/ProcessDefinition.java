package io.flowdesk.engine.deployment;

import io.flowdesk.engine.model.ExecutableProcess;

/**
 * A deployed version of a process, ready to run.
 *
 * @param deploymentKey the deployment this version came with
 */
public record ProcessDefinition(
    long key, String bpmnProcessId, int version, long deploymentKey, ExecutableProcess executable) {

  /** The process's {@code zeebe:versionTag}, null when it has none. */
  public String versionTag() {
    return executable.versionTag();
  }
}
