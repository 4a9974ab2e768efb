package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import java.util.Collection;
import java.util.List;

/**
 * What Camunda 8.8 requires of compensation and Zeebe's design-time validators let pass: a
 * compensation boundary event leads, through its association, to its handler (an activity marked
 * {@code isForCompensation}); without one, compensating its activity could do nothing.
 */
final class CompensationRules {

  private CompensationRules() {}

  static void check(final Collection<FlowElement> elements, final List<Problem> out) {
    for (final FlowElement element : elements) {
      if (element instanceof BoundaryEvent boundary && isCompensation(boundary)) {
        final String handlerId = EventDefinitionTransformer.handlerOf(boundary);
        if (!isHandler(boundary, handlerId)) {
          out.add(
              Problem.at(
                  boundary.getId(),
                  "A compensation boundary event must be associated with its compensation"
                      + " handler, an activity marked isForCompensation"
                      + (handlerId == null ? "" : " ('" + handlerId + "' is not)")));
        }
      } else if (element instanceof SubProcess subProcess) {
        check(subProcess.getFlowElements(), out);
      }
    }
  }

  private static boolean isCompensation(final BoundaryEvent boundary) {
    return EventDefinitions.of(boundary).stream()
        .anyMatch(CompensateEventDefinition.class::isInstance);
  }

  private static boolean isHandler(final BoundaryEvent boundary, final String handlerId) {
    return handlerId != null
        && boundary.getModelInstance().getModelElementById(handlerId) instanceof Activity activity
        && activity.isForCompensation();
  }
}
