package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.flowdesk.engine.model.TaskListener;
import java.util.List;

/**
 * A task listener's event type must be one Camunda 8.8 knows (or an earlier name of one); checked
 * before Zeebe's validators, which fail on an unknown one without naming the element.
 */
final class TaskListenerEvents {

  private TaskListenerEvents() {}

  static List<Problem> check(final BpmnModelInstance model) {
    return model.getModelElementsByType(ZeebeTaskListener.class).stream()
        .filter(
            l ->
                TaskListener.EventType.fromBpmn(l.getDomElement().getAttribute("eventType"))
                    .isEmpty())
        .map(
            l ->
                ZeebeValidation.problem(
                    l,
                    "Expected the event type of a task listener to be one of 'creating',"
                        + " 'assigning', 'updating', 'completing' or 'canceling', but was '"
                        + (l.getDomElement().getAttribute("eventType") == null
                            ? ""
                            : l.getDomElement().getAttribute("eventType"))
                        + "'"))
        .toList();
  }
}
