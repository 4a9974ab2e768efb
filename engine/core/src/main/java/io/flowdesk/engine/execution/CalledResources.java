package io.flowdesk.engine.execution;

import io.flowdesk.engine.state.InstanceState;

/** What call activities and business rule tasks share to find the resources they bind to. */
final class CalledResources {

  private final InstanceState state;
  private final EngineServices services;

  CalledResources(final InstanceState state, final EngineServices services) {
    this.state = state;
    this.services = services;
  }

  /** The deployment of this instance's process version, for deployment bindings. */
  long callerDeploymentKey() {
    return services.processes().deploymentKeyOf(state.processInstance().processDefinitionKey());
  }
}
