package io.flowdesk.engine.deployment;

import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.model.UserTaskDefinition;
import java.util.Collection;
import java.util.List;

/**
 * Checks {@code bindingType="deployment"} links at deployment: a statically named target must be
 * part of the same deployment, since no later deployment can ever satisfy the link. Targets named
 * by a FEEL expression are only known at run time; a missing one becomes an incident there.
 */
final class DeploymentBindings {

  private DeploymentBindings() {}

  static void check(
      final List<ExecutableProcess> processes,
      final Collection<String> decisionIds,
      final Collection<String> formIds,
      final List<String> errors) {
    final List<String> processIds =
        processes.stream().map(ExecutableProcess::bpmnProcessId).toList();
    for (final ExecutableProcess process : processes) {
      for (final FlowElement element : process.elements().values()) {
        if (element.calledElement() != null) {
          check(
              process,
              element,
              element.calledElement().processId(),
              element.calledElement().binding(),
              "process",
              processIds,
              errors);
        }
        if (element.calledDecision() != null) {
          check(
              process,
              element,
              element.calledDecision().decisionId(),
              element.calledDecision().binding(),
              "decision",
              decisionIds,
              errors);
        }
        final UserTaskDefinition.FormLink form =
            element.userTask() == null ? null : element.userTask().form();
        if (form != null && form.formId() != null) {
          check(
              process,
              element,
              new Expression(form.formId(), false),
              form.binding(),
              "form",
              formIds,
              errors);
        }
      }
    }
  }

  private static void check(
      final ExecutableProcess process,
      final FlowElement element,
      final Expression targetId,
      final ResourceBinding binding,
      final String kind,
      final Collection<String> deployedIds,
      final List<String> errors) {
    if (binding.type() != ResourceBinding.Type.DEPLOYMENT
        || targetId.feel()
        || deployedIds.contains(targetId.text())) {
      return;
    }
    errors.add(
        "Process '"
            + process.bpmnProcessId()
            + "', element '"
            + element.id()
            + "': Expected to find "
            + kind
            + " with id '"
            + targetId.text()
            + "' in this deployment, as its binding type is 'deployment', but it is not part of"
            + " it");
  }
}
