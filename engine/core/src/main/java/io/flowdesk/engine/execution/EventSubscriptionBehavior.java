package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewMessageSubscription;
import io.flowdesk.engine.state.NewSignalSubscription;
import io.flowdesk.engine.state.NewTimer;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.SubscriptionKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opens the event subscriptions of an element instance that starts waiting: its own (catch event,
 * receive task), those of the events after it (event-based gateway), of its boundary events and of
 * the event sub-processes it contains. Errors and escalations need none: they are looked up when
 * thrown.
 */
final class EventSubscriptionBehavior {

  private final InstanceState state;
  private final ExecutableProcess process;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;

  EventSubscriptionBehavior(
      final InstanceState state,
      final ExecutableProcess process,
      final EngineServices services,
      final VariableBehavior variables,
      final ExpressionBehavior expressions) {
    this.state = state;
    this.process = process;
    this.services = services;
    this.variables = variables;
    this.expressions = expressions;
  }

  /** The events an instance of {@code element} waits for, each with the element that catches it. */
  List<FlowElement> catchEventsOf(final FlowElement element) {
    final List<FlowElement> events = new ArrayList<>();
    if (element.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      element
          .outgoing()
          .forEach(f -> events.add(process.element(process.sequenceFlow(f).targetId())));
    } else if (element.type() == BpmnElementType.RECEIVE_TASK
        || element.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT) {
      events.add(element);
    }
    element.boundaryEventIds().forEach(id -> events.add(process.element(id)));
    element.eventSubProcessStartIds().forEach(id -> events.add(process.element(id)));
    return events;
  }

  /** Closes whatever subscriptions the element instance may have opened. */
  void closeOf(final ElementInstance owner) {
    state.closeSubscriptionsOf(owner.key(), kindsOf(process.element(owner.elementId())));
  }

  /** The tables an instance of {@code element} may have subscriptions in. */
  Set<SubscriptionKind> kindsOf(final FlowElement element) {
    final Set<SubscriptionKind> kinds = EnumSet.noneOf(SubscriptionKind.class);
    for (final FlowElement event : catchEventsOf(element)) {
      final EventDefinition definition = event.eventDefinition();
      if (definition instanceof EventDefinition.Timer) {
        kinds.add(SubscriptionKind.TIMER);
      } else if (definition instanceof EventDefinition.Message) {
        kinds.add(SubscriptionKind.MESSAGE);
      } else if (definition instanceof EventDefinition.Signal) {
        kinds.add(SubscriptionKind.SIGNAL);
      }
    }
    return kinds;
  }

  /** Opens every subscription of {@code owner}; a failing expression raises a {@link Failure}. */
  void open(final ElementInstance owner, final FlowElement element) {
    for (final FlowElement event : catchEventsOf(owner, element)) {
      openOne(owner, event);
    }
  }

  /** The events {@code owner}, an instance of {@code element}, subscribes to. */
  List<FlowElement> catchEventsOf(final ElementInstance owner, final FlowElement element) {
    final boolean body = owner.type() == BpmnElementType.MULTI_INSTANCE_BODY;
    // The boundary events of a multi-instance activity belong to its body, the rest to each
    // inner instance.
    return catchEventsOf(element).stream()
        .filter(
            event ->
                element.multiInstance() == null
                    || body == (event.type() == BpmnElementType.BOUNDARY_EVENT))
        .toList();
  }

  void openOne(final ElementInstance owner, final FlowElement event) {
    // Errors, escalations and links are found when thrown, not subscribed to.
    final EventDefinition definition = event.eventDefinition();
    if (definition instanceof EventDefinition.Timer timer) {
      openTimer(owner, event, timer);
    } else if (definition instanceof EventDefinition.Message message) {
      openMessage(owner, event, message);
    } else if (definition instanceof EventDefinition.Signal signal) {
      openSignal(owner, event, signal);
    }
  }

  private void openTimer(
      final ElementInstance owner, final FlowElement event, final EventDefinition.Timer timer) {
    final TimerSchedule schedule = schedule(timer, owner.key());
    final long key = services.keys().next();
    state.addTimer(
        new NewTimer(
            key,
            state.processInstance().processDefinitionKey(),
            state.processInstance().key(),
            owner.key(),
            event.id(),
            schedule.dueDate(),
            schedule.repetitions(),
            schedule.cycle()));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("elementInstanceKey", owner.key());
    payload.put("targetElementId", event.id());
    payload.put("dueDate", schedule.dueDate().toEpochMilli());
    payload.put("repetitions", schedule.repetitions());
    state.append(
        new PendingRecord(
            key, "TIMER", "CREATED", state.processInstance().key(), event.id(), payload));
  }

  TimerSchedule schedule(final EventDefinition.Timer timer, final long scopeKey) {
    final Object value =
        expressions.evaluate(
            timer.expression(), variables.lookupFrom(scopeKey), "EXTRACT_VALUE_ERROR");
    if (!(value instanceof String text)) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + timer.expression().text()
                  + "' to be a timer "
                  + timer.kind().name().toLowerCase(Locale.ROOT)
                  + " as 'STRING', but was '"
                  + ExpressionBehavior.typeName(value)
                  + "'.")
          .raise();
    }
    try {
      return TimerSchedule.of(timer.kind(), text, services.clock().now());
    } catch (IllegalArgumentException e) {
      throw Failure.extractValue(e.getMessage()).raise();
    }
  }

  private void openMessage(
      final ElementInstance owner, final FlowElement event, final EventDefinition.Message message) {
    final String name =
        expressions.evaluateString(message.name(), variables.lookupFrom(owner.key()));
    final String correlationKey = correlationKey(owner, event, message);
    final long key = services.keys().next();
    state.addMessageSubscription(
        new NewMessageSubscription(
            key,
            state.processInstance().key(),
            owner.key(),
            event.id(),
            state.processInstance().bpmnProcessId(),
            name,
            correlationKey,
            interrupting(event)));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("elementInstanceKey", owner.key());
    payload.put("messageName", name);
    payload.put("correlationKey", correlationKey);
    state.append(
        new PendingRecord(
            key,
            "PROCESS_MESSAGE_SUBSCRIPTION",
            "CREATED",
            state.processInstance().key(),
            event.id(),
            payload));
  }

  private String correlationKey(
      final ElementInstance owner, final FlowElement event, final EventDefinition.Message message) {
    if (message.correlationKey() == null) {
      throw Failure.extractValue(
              "Failed to extract the correlation key for '"
                  + event.id()
                  + "': the message has no zeebe:subscription correlationKey.")
          .raise();
    }
    // Zeebe reads the key in the scope of the element that waits: an activity's own variables
    // (after its input mappings) for its boundary events.
    final Object value =
        expressions.evaluate(
            message.correlationKey(), variables.lookupFrom(owner.key()), "EXTRACT_VALUE_ERROR");
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    throw Failure.extractValue(
            "Failed to extract the correlation key for '"
                + message.correlationKey().text()
                + "': The value must be either a string or a number, but was '"
                + ExpressionBehavior.typeName(value)
                + "'.")
        .raise();
  }

  private void openSignal(
      final ElementInstance owner, final FlowElement event, final EventDefinition.Signal signal) {
    final String name =
        expressions.evaluateString(signal.name(), variables.lookupFrom(owner.key()));
    final long key = services.keys().next();
    state.addSignalSubscription(
        new NewSignalSubscription(
            key,
            name,
            state.processInstance().processDefinitionKey(),
            state.processInstance().bpmnProcessId(),
            event.id(),
            state.processInstance().key(),
            owner.key()));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("elementInstanceKey", owner.key());
    payload.put("signalName", name);
    state.append(
        new PendingRecord(
            key,
            "SIGNAL_SUBSCRIPTION",
            "CREATED",
            state.processInstance().key(),
            event.id(),
            payload));
  }

  private static boolean interrupting(final FlowElement event) {
    return (event.type() != BpmnElementType.BOUNDARY_EVENT
            && event.type() != BpmnElementType.START_EVENT)
        || event.interrupting();
  }
}
