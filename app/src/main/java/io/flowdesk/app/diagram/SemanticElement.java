package io.flowdesk.app.diagram;

import java.util.List;
import java.util.Optional;

/**
 * A BPMN model element (task, event, gateway, flow, pool...) that a diagram shape or edge refers
 * to, with the facts that decide how it is drawn.
 *
 * @param id the element's {@code id}
 * @param type the element's local name in the BPMN namespace ({@code userTask}, {@code
 *     endEvent}...)
 * @param parentId the id of the nearest enclosing element with an id (process, sub-process...), or
 *     null at the top
 * @param xml the element as parsed
 */
record SemanticElement(String id, String type, String parentId, XmlElement xml) {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  String name() {
    if ("textAnnotation".equals(type)) {
      return xml.child(BPMN, "text").map(XmlElement::text).orElse("");
    }
    final String name = xml.attribute("name");
    return name == null ? "" : name;
  }

  String attribute(final String name) {
    return xml.attribute(name);
  }

  boolean flag(final String name, final boolean absent) {
    final String value = xml.attribute(name);
    return value == null ? absent : Boolean.parseBoolean(value.trim());
  }

  /** The local names of the event's definitions ({@code timerEventDefinition}...), in order. */
  List<String> eventDefinitions() {
    return xml.children().stream()
        .filter(child -> child.namespace().equals(BPMN))
        .map(XmlElement::localName)
        .filter(name -> name.endsWith("EventDefinition"))
        .toList();
  }

  /** {@code sequential}, {@code parallel} or {@code standard} when the activity loops. */
  Optional<String> loop() {
    final Optional<XmlElement> multi = xml.child(BPMN, "multiInstanceLoopCharacteristics");
    if (multi.isPresent()) {
      return Optional.of(
          Boolean.parseBoolean(String.valueOf(multi.get().attribute("isSequential")).trim())
              ? "sequential"
              : "parallel");
    }
    return xml.child(BPMN, "standardLoopCharacteristics").map(loop -> "standard");
  }

  boolean hasCondition() {
    return xml.child(BPMN, "conditionExpression").isPresent();
  }
}
