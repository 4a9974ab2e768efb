package io.flowdesk.engine.deployment;

import io.flowdesk.engine.model.UserTaskDefinition;
import io.flowdesk.engine.support.Rejection;
import java.util.Locale;
import java.util.Optional;

/**
 * The deployed form a process version's none start event links (Camunda's start form), chosen by
 * its binding as a user task's form is: the latest version, the one deployed with the process, or
 * the latest with a version tag.
 */
public final class StartForms {

  private final ProcessDefinitions definitions;
  private final DeployedForms forms;

  public StartForms(final ProcessDefinitions definitions, final DeployedForms forms) {
    this.definitions = definitions;
    this.forms = forms;
  }

  /**
   * The key of the start form's deployed version; empty when the process links none, or only a
   * custom form key or an external form. Refused (not found) when the linked form is not deployed.
   */
  public Optional<Long> formKey(final long processDefinitionKey) {
    final ProcessDefinition definition = definitions.byKey(processDefinitionKey);
    final UserTaskDefinition.FormLink link = definition.executable().startForm();
    if (link == null || link.formId() == null) {
      return Optional.empty();
    }
    return Optional.of(
        forms
            .formKey(link.formId(), link.binding(), definition.deploymentKey())
            .orElseThrow(
                () ->
                    Rejection.notFound(
                        "Expected to find the start form '"
                            + link.formId()
                            + "' of process definition '"
                            + processDefinitionKey
                            + "', but no form with this id is deployed that its binding ("
                            + link.binding().type().name().toLowerCase(Locale.ROOT)
                            + ") chooses")));
  }
}
