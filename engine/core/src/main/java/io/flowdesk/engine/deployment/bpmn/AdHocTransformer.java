package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Documentation;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAdHoc;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import io.flowdesk.engine.model.AdHoc;
import io.flowdesk.engine.model.Expression;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads what an ad-hoc sub-process needs to run out of its BPMN. */
final class AdHocTransformer {

  private AdHocTransformer() {}

  /** The ad-hoc part of a flow node; null when it is no ad-hoc sub-process. */
  static AdHoc of(final FlowNode node) {
    if (!(node instanceof AdHocSubProcess adHoc)) {
      return null;
    }
    final ZeebeAdHoc zeebe = adHoc.getSingleExtensionElement(ZeebeAdHoc.class);
    return new AdHoc(
        optional(zeebe == null ? null : zeebe.getActiveElementsCollection()),
        adHoc.getCompletionCondition() == null
            ? null
            : optional(adHoc.getCompletionCondition().getTextContent()),
        adHoc.isCancelRemainingInstances(),
        zeebe == null || blank(zeebe.getOutputCollection()) ? null : zeebe.getOutputCollection(),
        optional(zeebe == null ? null : zeebe.getOutputElement()),
        activatable(adHoc));
  }

  /**
   * Inner elements that start a flow of their own: not reached by a sequence flow, not attached to
   * another element. Those after a sequence flow run when their predecessor completes.
   */
  private static List<AdHoc.Activatable> activatable(final AdHocSubProcess adHoc) {
    return adHoc.getFlowElements().stream()
        .filter(FlowNode.class::isInstance)
        .map(FlowNode.class::cast)
        .filter(node -> !(node instanceof BoundaryEvent) && node.getIncoming().isEmpty())
        .map(
            node ->
                new AdHoc.Activatable(
                    node.getId(), node.getName(), documentation(node), properties(node)))
        .toList();
  }

  private static String documentation(final FlowNode node) {
    final String text =
        node.getDocumentations().stream()
            .map(Documentation::getTextContent)
            .collect(Collectors.joining("\n"));
    return text.isBlank() ? null : text;
  }

  private static Map<String, String> properties(final FlowNode node) {
    final ZeebeProperties properties = node.getSingleExtensionElement(ZeebeProperties.class);
    if (properties == null) {
      return Map.of();
    }
    final Map<String, String> byName = new LinkedHashMap<>();
    for (final ZeebeProperty property : properties.getProperties()) {
      byName.put(property.getName(), property.getValue());
    }
    return Collections.unmodifiableMap(byName);
  }

  private static Expression optional(final String attribute) {
    return blank(attribute) ? null : Expression.of(attribute);
  }

  private static boolean blank(final String text) {
    return text == null || text.isBlank();
  }
}
