package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.ResourceBinding;
import java.util.Optional;

/**
 * Finds the deployed resources a running process links to: the process a call activity starts, and
 * the deployment a process version came with (for {@code bindingType="deployment"}).
 */
public interface CalledProcesses {

  /** A deployed process version a call activity can start. */
  record CalledProcess(long processDefinitionKey, ExecutableProcess process) {}

  /**
   * The version of {@code bpmnProcessId} the binding chooses; empty when none is deployed.
   *
   * @param callerDeploymentKey the deployment of the calling process's version
   */
  Optional<CalledProcess> find(
      String bpmnProcessId, ResourceBinding binding, long callerDeploymentKey);

  /** The key of the deployment a process version came with. */
  long deploymentKeyOf(long processDefinitionKey);
}
