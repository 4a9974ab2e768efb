package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive gateways (the first flow whose condition holds) and inclusive gateways (every such
 * flow), else the default flow. Conditions are evaluated on activation, so a failing one leaves the
 * gateway ACTIVATING with an incident; the gateway completes within its activation.
 */
final class ForkingGatewayProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;
  private final boolean exclusive;

  /** {@code exclusive}: only the first flow whose condition holds is taken. */
  ForkingGatewayProcessor(final ExecutionContext context, final boolean exclusive) {
    this.context = context;
    this.exclusive = exclusive;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    final List<SequenceFlow> chosen = chooseFlows(instance, element);
    final ElementTransitions transitions = context.transitions();
    transitions.markActivated(instance);
    transitions.completing(instance);
    transitions.leave(instance, element, chosen);
  }

  /** The flows were taken on activation; nothing more goes on from here. */
  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element, List.of());
  }

  private List<SequenceFlow> chooseFlows(
      final ElementInstance instance, final FlowElement element) {
    final List<SequenceFlow> chosen = new ArrayList<>();
    for (final String flowId : element.outgoing()) {
      if (flowId.equals(element.defaultFlowId())) {
        continue;
      }
      final SequenceFlow flow = context.process().sequenceFlow(flowId);
      if (!flow.conditional()
          || context
              .expressions()
              .evaluateCondition(
                  // From the gateway's own scope: its start listeners' variables are local to it,
                  // and Camunda documents them as the way to set what the gateway decides on.
                  flow.condition(), context.variables().lookupFrom(instance.key()))) {
        chosen.add(flow);
        if (exclusive) {
          return chosen;
        }
      }
    }
    if (chosen.isEmpty() && element.defaultFlowId() != null) {
      chosen.add(context.process().sequenceFlow(element.defaultFlowId()));
    }
    if (chosen.isEmpty() && !element.outgoing().isEmpty()) {
      throw Failure.condition(
              "Expected at least one condition to evaluate to true, or to have a default flow")
          .raise();
    }
    return chosen;
  }
}
