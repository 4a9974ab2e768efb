package io.flowdesk.engine.deployment.bpmn;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.FlowElement;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine can run today. A diagram using anything else is refused at deployment with the
 * element named, rather than accepted and then run wrongly.
 */
final class SupportedElements {

  private static final Set<BpmnElementType> TYPES =
      EnumSet.of(
          BpmnElementType.PROCESS,
          BpmnElementType.START_EVENT,
          BpmnElementType.END_EVENT,
          BpmnElementType.INTERMEDIATE_THROW_EVENT,
          BpmnElementType.SERVICE_TASK,
          BpmnElementType.SEND_TASK,
          BpmnElementType.SCRIPT_TASK,
          BpmnElementType.BUSINESS_RULE_TASK,
          BpmnElementType.MANUAL_TASK,
          BpmnElementType.TASK,
          BpmnElementType.EXCLUSIVE_GATEWAY,
          BpmnElementType.PARALLEL_GATEWAY,
          BpmnElementType.INCLUSIVE_GATEWAY);

  private SupportedElements() {}

  static Optional<String> unsupported(final FlowElement element, final boolean multiInstance) {
    if (!TYPES.contains(element.type())) {
      return Optional.of(describe(element.type()));
    }
    if (multiInstance) {
      return Optional.of("multi-instance " + describe(element.type()));
    }
    final BpmnEventType event = element.eventType();
    switch (element.type()) {
      case START_EVENT, INTERMEDIATE_THROW_EVENT -> {
        if (event != BpmnEventType.NONE) {
          return Optional.of(describe(event) + " " + describe(element.type()));
        }
      }
      case END_EVENT -> {
        if (event != BpmnEventType.NONE && event != BpmnEventType.TERMINATE) {
          return Optional.of(describe(event) + " " + describe(element.type()));
        }
      }
      case SCRIPT_TASK, BUSINESS_RULE_TASK, SERVICE_TASK, SEND_TASK -> {
        if (!element.jobBased() && element.script() == null && element.calledDecision() == null) {
          return Optional.of(describe(element.type()) + " without a job type");
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String describe(final Enum<?> value) {
    return value.name().toLowerCase().replace('_', ' ');
  }
}
