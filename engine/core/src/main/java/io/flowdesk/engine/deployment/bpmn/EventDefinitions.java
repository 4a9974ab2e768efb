package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** The event definitions of an event, whether nested in it or referenced from the definitions. */
final class EventDefinitions {

  private EventDefinitions() {}

  /** Empty for a none event and for anything that is not an event. */
  static List<EventDefinition> of(final FlowNode node) {
    if (node instanceof CatchEvent event) {
      return concat(event.getEventDefinitions(), event.getEventDefinitionRefs());
    }
    if (node instanceof ThrowEvent event) {
      return concat(event.getEventDefinitions(), event.getEventDefinitionRefs());
    }
    return List.of();
  }

  private static List<EventDefinition> concat(
      final Collection<EventDefinition> nested, final Collection<EventDefinition> referenced) {
    return Stream.concat(nested.stream(), referenced.stream()).toList();
  }
}
