package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.EventDefinition.Timer;
import io.flowdesk.engine.model.Expression;
import java.util.List;

/** Reads the one event definition of an event (or the message of a receive task). */
final class EventDefinitionTransformer {

  private EventDefinitionTransformer() {}

  /** Null for none events, terminate end events and everything that is not an event. */
  static EventDefinition of(final FlowNode node) {
    if (node instanceof ReceiveTask task) {
      return message(task.getMessage());
    }
    final List<io.camunda.zeebe.model.bpmn.instance.EventDefinition> definitions =
        EventDefinitions.of(node);
    if (definitions.size() != 1) {
      return null;
    }
    final var definition = definitions.get(0);
    if (definition instanceof TimerEventDefinition timer) {
      return timer(timer);
    }
    if (definition instanceof MessageEventDefinition message) {
      // A message throw or end event needs no message: a job worker publishes it (Camunda 8.8).
      return message.getMessage() == null ? null : message(message.getMessage());
    }
    if (definition instanceof ErrorEventDefinition error) {
      final var code = error.getError() == null ? null : error.getError().getErrorCode();
      return new EventDefinition.BpmnError(blank(code) ? null : Expression.of(code));
    }
    if (definition instanceof SignalEventDefinition signal) {
      return new EventDefinition.Signal(Expression.of(signal.getSignal().getName()));
    }
    if (definition instanceof EscalationEventDefinition escalation) {
      final var code =
          escalation.getEscalation() == null
              ? null
              : escalation.getEscalation().getEscalationCode();
      return new EventDefinition.Escalation(blank(code) ? null : Expression.of(code));
    }
    if (definition instanceof LinkEventDefinition link) {
      return new EventDefinition.Link(link.getName());
    }
    if (definition instanceof CompensateEventDefinition compensation) {
      return compensation(node, compensation);
    }
    return null;
  }

  /**
   * A throw event names the activity it compensates (or none: all of its scope); a boundary event
   * the handler its association leads to (checked at deployment: exactly one).
   */
  private static EventDefinition.Compensation compensation(
      final FlowNode node, final CompensateEventDefinition definition) {
    if (node instanceof BoundaryEvent boundary) {
      return new EventDefinition.Compensation(null, handlerOf(boundary));
    }
    return new EventDefinition.Compensation(
        definition.getActivity() == null ? null : definition.getActivity().getId(), null);
  }

  /** The activity a compensation boundary event's association leads to; null when none. */
  static String handlerOf(final BoundaryEvent boundary) {
    return boundary.getModelInstance().getModelElementsByType(Association.class).stream()
        .filter(a -> a.getSource() != null && a.getTarget() != null)
        .filter(a -> a.getSource().getId().equals(boundary.getId()))
        .map(a -> a.getTarget().getId())
        .findFirst()
        .orElse(null);
  }

  private static Timer timer(final TimerEventDefinition timer) {
    if (timer.getTimeCycle() != null) {
      return new Timer(Timer.Kind.CYCLE, Expression.of(timer.getTimeCycle().getTextContent()));
    }
    if (timer.getTimeDate() != null) {
      return new Timer(Timer.Kind.DATE, Expression.of(timer.getTimeDate().getTextContent()));
    }
    return new Timer(Timer.Kind.DURATION, Expression.of(timer.getTimeDuration().getTextContent()));
  }

  private static EventDefinition.Message message(final Message message) {
    final ZeebeSubscription subscription =
        message.getSingleExtensionElement(ZeebeSubscription.class);
    return new EventDefinition.Message(
        Expression.of(message.getName()),
        subscription == null || blank(subscription.getCorrelationKey())
            ? null
            : Expression.of(subscription.getCorrelationKey()));
  }

  private static boolean blank(final String text) {
    return text == null || text.isBlank();
  }
}
