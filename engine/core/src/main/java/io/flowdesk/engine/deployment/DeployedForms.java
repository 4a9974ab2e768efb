package io.flowdesk.engine.deployment;

import io.flowdesk.engine.execution.FormLookup;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.state.BoundVersions;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deployed Camunda forms, found by form id and binding for the user tasks that link to them. */
public final class DeployedForms implements FormLookup {

  private final BoundVersions versions;

  public DeployedForms(final JdbcClient jdbc) {
    this.versions = new BoundVersions(jdbc);
  }

  @Override
  public Optional<Long> formKey(
      final String formId, final ResourceBinding binding, final long callerDeploymentKey) {
    return versions.find(BoundVersions.Kind.FORM, formId, binding, callerDeploymentKey);
  }
}
