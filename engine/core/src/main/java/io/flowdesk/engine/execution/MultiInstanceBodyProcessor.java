package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.MultiInstance;
import io.flowdesk.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;

/**
 * The body around a multi-instance activity: one inner instance per item of the input collection
 * (all at once, or one after the other when sequential), the output collection, the completion
 * condition. The inner instances run the activity's own processor with its mappings and listeners;
 * the body has none of its own.
 */
final class MultiInstanceBodyProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;
  private final MultiInstanceBehavior multiInstance;

  MultiInstanceBodyProcessor(final ExecutionContext context) {
    this.context = context;
    this.multiInstance = context.multiInstance();
  }

  @Override
  public boolean wrapsMappingsAndListeners() {
    return false;
  }

  /** Opens the boundary events' subscriptions, then creates the inner instances. */
  @Override
  public void activate(final ElementInstance body, final FlowElement element) {
    context.subscriptions().open(body, element);
    final List<?> items = multiInstance.inputCollection(body, element.multiInstance());
    context.transitions().markActivated(body);
    multiInstance.initialise(body, element.multiInstance(), items.size());
    if (items.isEmpty()) {
      context.transitions().completeNow(body);
      return;
    }
    final int parallel = element.multiInstance().sequential() ? 1 : items.size();
    for (int i = 0; i < parallel; i++) {
      createInner(body, element, items.get(i), i + 1);
    }
  }

  @Override
  public void complete(final ElementInstance body, final FlowElement element) {
    multiInstance
        .output(body, element.multiInstance())
        .ifPresent(
            output ->
                context
                    .variables()
                    .merge(body.flowScopeKey(), Map.of(output.getKey(), output.getValue())));
    context.transitions().leave(body, element);
  }

  private void createInner(
      final ElementInstance body, final FlowElement element, final Object item, final int counter) {
    final ElementInstance inner =
        context
            .state()
            .addElementInstance(
                context.services().keys().next(), body.key(), element.id(), element.type());
    multiInstance.initialiseInner(inner, element.multiInstance(), item, counter);
    context.records().element(inner, "ELEMENT_ACTIVATING");
    context.agenda().schedule(Agenda.Step.ACTIVATE, inner);
  }

  /**
   * An inner instance completed (after its outputs and end listeners): the completion condition may
   * end the body; a sequential body goes on with the next item. The body itself completes when no
   * inner instance is left.
   */
  void innerCompleted(final ElementInstance inner, final FlowElement element) {
    final MultiInstance loop = element.multiInstance();
    final boolean conditionMet = multiInstance.innerCompleted(inner, loop);
    context.transitions().completed(inner, element);
    final ElementInstance body =
        context.state().elementInstance(inner.flowScopeKey()).orElseThrow();
    if (conditionMet) {
      context.termination().terminateInners(body);
    } else if (loop.sequential()) {
      final int next = multiInstance.completed(body) + 1;
      if (next <= multiInstance.size(body)) {
        final List<?> items = multiInstance.inputCollection(body, loop);
        createInner(body, element, next <= items.size() ? items.get(next - 1) : null, next);
      }
    }
    context.transitions().childEnded(body.key());
  }
}
