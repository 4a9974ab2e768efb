package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * What one kind of BPMN element does in its lifecycle. The {@link Agenda} runs what all elements
 * share around it (input and output mappings, execution listeners, incidents on failures, the inner
 * instances of a multi-instance body), {@link ElementTermination} what every termination shares; a
 * processor only adds its element's own behaviour. A new element is one new processor, registered
 * in {@link ElementProcessors}.
 */
interface BpmnElementProcessor {

  /**
   * The element's own activation, after its input mappings and start execution listeners: it waits
   * (a job, a subscription, a called instance) or goes on to its completion. A {@link
   * Failure.Raised} leaves the element ACTIVATING with an incident; resolving it runs this again.
   */
  void activate(ElementInstance instance, FlowElement element);

  /**
   * The element's own completion, after its output mappings and end execution listeners: usually
   * the token leaves along the outgoing flows ({@link ElementTransitions#leave}).
   */
  void complete(ElementInstance instance, FlowElement element);

  /**
   * The element's own part of its termination, before what runs in it terminates and before the
   * command layer cancels its jobs. Answers false when something holds the termination up (the
   * instance a call activity called, which terminates first).
   */
  default boolean terminate(final ElementInstance instance, final FlowElement element) {
    return true;
  }

  /**
   * The last part of a termination, after the command layer canceled the element's jobs. Answers
   * false when something holds the termination up (a user task's canceling listeners).
   */
  default boolean terminated(final ElementInstance instance, final FlowElement element) {
    return true;
  }

  /**
   * Whether the element's input and output mappings and execution listeners run around this
   * processor; not for a multi-instance body, whose inner instances carry them.
   */
  default boolean wrapsMappingsAndListeners() {
    return true;
  }
}
