package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutionListener;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The steps of one command, in a queue, run until the instance waits (for a job, a join, an
 * incident) or ends. Each step is what every element does around its processor: input mappings and
 * start execution listeners before its activation, output mappings and end execution listeners
 * before it leaves; a failure in a step becomes an incident that, resolved, runs the step again.
 */
final class Agenda {

  /** A step, named as incidents keep it to retry it. */
  enum Step {
    ACTIVATE,
    /** Activation after the start execution listeners completed (no input mappings again). */
    ACTIVATE_BEHAVIOR,
    COMPLETE,
    /** Completion after the end execution listeners completed (no output mappings again). */
    LEAVE;

    /** The step an incident names; activation when it names none of them. */
    static Step named(final String failedStep) {
      for (final Step step : values()) {
        if (step.name().equals(failedStep)) {
          return step;
        }
      }
      return ACTIVATE;
    }
  }

  private record Operation(Step step, long elementInstanceKey) {}

  private final ExecutionContext context;
  private final Deque<Operation> operations = new ArrayDeque<>();

  Agenda(final ExecutionContext context) {
    this.context = context;
  }

  void schedule(final Step step, final ElementInstance instance) {
    operations.addLast(new Operation(step, instance.key()));
  }

  void run() {
    while (!operations.isEmpty()) {
      final Operation operation = operations.removeFirst();
      final ElementInstance instance =
          context.state().elementInstance(operation.elementInstanceKey()).orElse(null);
      if (instance == null || instance.state() == State.TERMINATING) {
        continue; // terminated meanwhile, e.g. by a terminate end event
      }
      try {
        switch (operation.step()) {
          case ACTIVATE -> activate(instance);
          case ACTIVATE_BEHAVIOR -> activateBehavior(instance);
          case COMPLETE -> complete(instance);
          case LEAVE -> leave(instance);
        }
      } catch (Failure.Raised raised) {
        // What the failed step opened is reopened when the step is retried.
        context.subscriptions().closeOf(instance);
        context.incidents().raise(instance, raised.failure(), operation.step().name(), null);
      }
    }
  }

  private BpmnElementProcessor processorOf(final ElementInstance instance) {
    return context.processors().of(instance.type(), elementOf(instance).eventType());
  }

  private FlowElement elementOf(final ElementInstance instance) {
    return context.process().element(instance.elementId());
  }

  private void activate(final ElementInstance instance) {
    final FlowElement element = elementOf(instance);
    final BpmnElementProcessor processor = processorOf(instance);
    if (!processor.wrapsMappingsAndListeners()) {
      processor.activate(instance, element);
      return;
    }
    if (!element.inputs().isEmpty()) {
      // From the instance itself: an inner multi-instance one already holds its item.
      final VariableBehavior variables = context.variables();
      final Map<String, Object> inputs =
          context
              .expressions()
              .evaluateMappings(element.inputs(), variables.lookupFrom(instance.key()));
      inputs.forEach((name, value) -> variables.setLocal(instance.key(), name, value));
    }
    activateBehavior(instance);
  }

  /** Runs the next start execution listener, or, when all ran, the element's own behaviour. */
  private void activateBehavior(final ElementInstance instance) {
    final FlowElement element = elementOf(instance);
    if (context
        .executionListeners()
        .pending(instance, element, ExecutionListener.EventType.START)) {
      return;
    }
    if (instance.listenerIndex() > 0) {
      context.state().listenerIndex(instance, 0); // the end listeners count from zero
    }
    processorOf(instance).activate(instance, element);
  }

  private void complete(final ElementInstance instance) {
    final FlowElement element = elementOf(instance);
    final BpmnElementProcessor processor = processorOf(instance);
    if (!processor.wrapsMappingsAndListeners()) {
      processor.complete(instance, element);
      return;
    }
    if (!element.outputs().isEmpty()) {
      final VariableBehavior variables = context.variables();
      final Map<String, Object> outputs =
          context
              .expressions()
              .evaluateMappings(element.outputs(), variables.lookupFrom(instance.key()));
      variables.merge(
          instance.flowScopeKey(), variables.mergeNested(instance.flowScopeKey(), outputs));
    }
    leave(instance);
  }

  /** After outputs and end listeners: an inner instance returns to its body, others go on. */
  private void leave(final ElementInstance instance) {
    final FlowElement element = elementOf(instance);
    if (context.executionListeners().pending(instance, element, ExecutionListener.EventType.END)) {
      return;
    }
    if (element.multiInstance() != null && context.multiInstance().isInner(instance)) {
      context.processors().multiInstanceBody().innerCompleted(instance, element);
      return;
    }
    processorOf(instance).complete(instance, element);
  }
}
