package io.flowdesk.engine.deployment.bpmn;

import static io.camunda.zeebe.model.bpmn.impl.BpmnModelConstants.BPMN20_NS;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks that the references the flow depends on point at elements of the right kind.
 *
 * <p>The XML schema only checks that a referenced id exists; the model API (Zeebe's validators
 * included) casts on access and fails with a {@link ClassCastException} when, say, a sequence flow
 * targets a data object. So these are checked first, on the XML, and reported on their own.
 */
final class References {

  private References() {}

  static List<Problem> check(final BpmnModelInstance model, final Document document) {
    final List<Problem> problems = new ArrayList<>();
    final NodeList elements = document.getElementsByTagNameNS(BPMN20_NS, "*");
    for (int i = 0; i < elements.getLength(); i++) {
      final Element element = (Element) elements.item(i);
      switch (element.getLocalName()) {
        case "sequenceFlow" -> {
          expect(model, element, "sourceRef", FlowNode.class, "a flow node", problems);
          expect(model, element, "targetRef", FlowNode.class, "a flow node", problems);
        }
        case "boundaryEvent" ->
            expect(model, element, "attachedToRef", Activity.class, "an activity", problems);
        case "incoming", "outgoing" -> expectText(model, element, problems);
        default -> {}
      }
      expect(model, element, "default", SequenceFlow.class, "a sequence flow", problems);
    }
    return problems;
  }

  private static void expect(
      final BpmnModelInstance model,
      final Element element,
      final String attribute,
      final Class<? extends ModelElementInstance> type,
      final String kind,
      final List<Problem> problems) {
    final String id = element.getAttribute(attribute);
    if (!id.isEmpty() && !type.isInstance(model.getModelElementById(id))) {
      problems.add(
          Problem.at(
              element.getAttribute("id"),
              "Attribute '%s' must reference %s, but '%s' is not one"
                  .formatted(attribute, kind, id)));
    }
  }

  /** {@code <incoming>} and {@code <outgoing>} name a sequence flow in their text. */
  private static void expectText(
      final BpmnModelInstance model, final Element reference, final List<Problem> problems) {
    final String id = reference.getTextContent().strip();
    if (!(model.getModelElementById(id) instanceof SequenceFlow)
        && reference.getParentNode() instanceof Element node) {
      problems.add(
          Problem.at(
              node.getAttribute("id"),
              "'%s' must reference a sequence flow, but '%s' is not one"
                  .formatted(reference.getLocalName(), id)));
    }
  }
}
