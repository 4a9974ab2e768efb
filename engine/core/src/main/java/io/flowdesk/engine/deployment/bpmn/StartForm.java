package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;

/**
 * Camunda's start form: a form linked ({@code zeebe:formDefinition}) to the process's none start
 * event, which Tasklist shows to whoever starts an instance by hand.
 */
public final class StartForm {

  private StartForm() {}

  public static boolean isLinked(final Process process) {
    return process.getChildElementsByType(StartEvent.class).stream()
        .anyMatch(
            start ->
                EventDefinitions.of(start).isEmpty()
                    && start.getSingleExtensionElement(ZeebeFormDefinition.class) != null);
  }
}
