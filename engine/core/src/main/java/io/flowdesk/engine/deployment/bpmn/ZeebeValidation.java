package io.flowdesk.engine.deployment.bpmn;

import static io.camunda.zeebe.model.bpmn.impl.BpmnModelConstants.ZEEBE_NS;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Zeebe's own design-time rules (the ones Modeler and a Zeebe broker apply on deploy), so that a
 * diagram Zeebe refuses is refused here too, with the same messages. Warnings do not refuse a
 * diagram in Zeebe and are dropped.
 */
final class ZeebeValidation {

  private ZeebeValidation() {}

  static List<Problem> errors(final BpmnModelInstance model) {
    final List<Problem> problems = new ArrayList<>();
    model
        .validate(ZeebeDesignTimeValidators.VALIDATORS)
        .getResults()
        .forEach(
            (element, results) ->
                results.stream()
                    .filter(result -> result.getType() == ValidationResultType.ERROR)
                    .forEach(result -> problems.add(problem(element, result.getMessage()))));
    return problems;
  }

  /**
   * Names an element by its id, or, for elements without one (extension elements, timer
   * definitions), by the path from the nearest ancestor that has one, e.g. {@code task >
   * extensionElements > zeebe:taskDefinition}.
   */
  static Problem problem(final ModelElementInstance element, final String message) {
    final Deque<String> path = new ArrayDeque<>();
    String anchorId = null;
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      final String id = e.getAttributeValue("id");
      if (id != null && !id.isBlank()) {
        anchorId = id;
        path.push(id);
        break;
      }
      path.push(typeName(e));
    }
    return new Problem(anchorId, String.join(" > ", path), message);
  }

  private static String typeName(final ModelElementInstance element) {
    final String name = element.getElementType().getTypeName();
    return ZEEBE_NS.equals(element.getElementType().getTypeNamespace()) ? "zeebe:" + name : name;
  }
}
