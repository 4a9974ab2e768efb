package io.flowdesk.engine.deployment;

import io.flowdesk.engine.model.ExecutableProcess;

/**
 * What a deployment or a deletion needs from the start events of the latest process version: the
 * event layer implements it, so deployment does not depend on the package above it.
 */
public interface StartEvents {

  /** {@code process} (deployed as {@code processDefinitionKey}) is now the latest version. */
  void open(long processDefinitionKey, ExecutableProcess process);

  /** Closes every start event subscription of the process, whatever version opened it. */
  void closeAll(String bpmnProcessId);
}
