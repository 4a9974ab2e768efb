package io.flowdesk.engine.model;

import java.util.List;
import java.util.Map;

/**
 * What an ad-hoc sub-process ({@code bpmn:adHocSubProcess} with {@code zeebe:adHoc}) needs to run.
 *
 * @param activeElementsCollection FEEL yielding the ids of the inner elements to activate on entry,
 *     null when none
 * @param completionCondition FEEL evaluated each time an inner element completes, null when none
 * @param cancelRemainingInstances when the condition is met, whether what still runs inside is
 *     terminated (BPMN's default) or the sub-process waits for it
 * @param outputCollection local variable collecting the output of each inner flow, null when none
 * @param outputElement FEEL evaluated when an inner flow ends, added to the output collection
 * @param elements the inner elements that may be activated (those without incoming sequence flows),
 *     in document order
 */
public record AdHoc(
    Expression activeElementsCollection,
    Expression completionCondition,
    boolean cancelRemainingInstances,
    String outputCollection,
    Expression outputElement,
    List<Activatable> elements) {

  /**
   * An inner element that may be activated, as the {@code adHocSubProcessElements} variable
   * describes it.
   */
  public record Activatable(
      String elementId, String elementName, String documentation, Map<String, String> properties) {}

  public boolean activatable(final String elementId) {
    return elements.stream().anyMatch(e -> e.elementId().equals(elementId));
  }
}
