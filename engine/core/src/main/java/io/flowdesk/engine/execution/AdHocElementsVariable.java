package io.flowdesk.engine.execution;

import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.model.AdHoc;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.IoMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code adHocSubProcessElements} variable an ad-hoc sub-process creates on activation, as
 * Camunda 8.8 documents it: per activatable element its id, name, documentation, properties and the
 * parameters its {@code fromAi(...)} calls define (what a job worker such as the AI Agent offers as
 * tools).
 */
final class AdHocElementsVariable {

  static final String NAME = "adHocSubProcessElements";

  private AdHocElementsVariable() {}

  static List<Map<String, Object>> describe(
      final AdHoc adHoc, final ExecutableProcess process, final FeelEvaluator feel) {
    final List<Map<String, Object>> elements = new ArrayList<>();
    for (final AdHoc.Activatable activatable : adHoc.elements()) {
      final Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("elementId", activatable.elementId());
      entry.put("elementName", activatable.elementName());
      entry.put("documentation", activatable.documentation());
      entry.put("properties", activatable.properties());
      entry.put("parameters", parameters(process, feel, activatable.elementId()));
      elements.add(entry);
    }
    return elements;
  }

  /**
   * What the {@code fromAi(...)} calls in the element's input mappings describe, in mapping order:
   * where the AI Agent documentation has a tool's parameters defined.
   */
  private static List<Map<String, Object>> parameters(
      final ExecutableProcess process, final FeelEvaluator feel, final String elementId) {
    final List<Map<String, Object>> parameters = new ArrayList<>();
    for (final IoMapping input : process.element(elementId).inputs()) {
      if (input.source().feel()) {
        parameters.addAll(feel.fromAiParameters(input.source().text()));
      }
    }
    return parameters;
  }
}
