package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * Camunda's start form: a form linked ({@code zeebe:formDefinition}) to the process's none start
 * event, which Tasklist shows to whoever starts an instance by hand.
 */
public final class StartForm {

  private StartForm() {}

  /** The form definition on the process's none start event, empty when it links none. */
  public static Optional<ZeebeFormDefinition> of(final Process process) {
    return process.getChildElementsByType(StartEvent.class).stream()
        .filter(start -> EventDefinitions.of(start).isEmpty())
        .map(start -> start.getSingleExtensionElement(ZeebeFormDefinition.class))
        .filter(Objects::nonNull)
        .findFirst();
  }

  public static boolean isLinked(final Process process) {
    return of(process).isPresent();
  }
}
