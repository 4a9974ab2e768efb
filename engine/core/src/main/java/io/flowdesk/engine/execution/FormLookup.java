package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ResourceBinding;
import java.util.Optional;

/** Finds the deployed form a Camunda user task links to by form id. */
@FunctionalInterface
public interface FormLookup {

  /**
   * The key of the version of the form the binding chooses, empty when none is deployed.
   *
   * @param callerDeploymentKey the deployment of the user task's process version
   */
  Optional<Long> formKey(String formId, ResourceBinding binding, long callerDeploymentKey);
}
