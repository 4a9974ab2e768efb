package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ConditionalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import java.util.Collection;
import java.util.List;

/** Maps the BPMN model API's element classes onto the engine's element and event types. */
final class ElementTypes {

  private ElementTypes() {}

  static BpmnElementType typeOf(final FlowNode node) {
    if (node instanceof StartEvent) {
      return BpmnElementType.START_EVENT;
    } else if (node instanceof EndEvent) {
      return BpmnElementType.END_EVENT;
    } else if (node instanceof IntermediateThrowEvent) {
      return BpmnElementType.INTERMEDIATE_THROW_EVENT;
    } else if (node instanceof IntermediateCatchEvent) {
      return BpmnElementType.INTERMEDIATE_CATCH_EVENT;
    } else if (node instanceof BoundaryEvent) {
      return BpmnElementType.BOUNDARY_EVENT;
    } else if (node instanceof ServiceTask) {
      return BpmnElementType.SERVICE_TASK;
    } else if (node instanceof SendTask) {
      return BpmnElementType.SEND_TASK;
    } else if (node instanceof ScriptTask) {
      return BpmnElementType.SCRIPT_TASK;
    } else if (node instanceof BusinessRuleTask) {
      return BpmnElementType.BUSINESS_RULE_TASK;
    } else if (node instanceof UserTask) {
      return BpmnElementType.USER_TASK;
    } else if (node instanceof ReceiveTask) {
      return BpmnElementType.RECEIVE_TASK;
    } else if (node instanceof ManualTask) {
      return BpmnElementType.MANUAL_TASK;
    } else if (node instanceof ExclusiveGateway) {
      return BpmnElementType.EXCLUSIVE_GATEWAY;
    } else if (node instanceof ParallelGateway) {
      return BpmnElementType.PARALLEL_GATEWAY;
    } else if (node instanceof InclusiveGateway) {
      return BpmnElementType.INCLUSIVE_GATEWAY;
    } else if (node instanceof EventBasedGateway) {
      return BpmnElementType.EVENT_BASED_GATEWAY;
    } else if (node instanceof SubProcess subProcess) {
      return subProcess.triggeredByEvent()
          ? BpmnElementType.EVENT_SUB_PROCESS
          : BpmnElementType.SUB_PROCESS;
    } else if (node instanceof CallActivity) {
      return BpmnElementType.CALL_ACTIVITY;
    } else if (node instanceof Task) {
      return BpmnElementType.TASK;
    }
    throw new IllegalArgumentException(
        "Unknown BPMN element " + node.getElementType().getTypeName());
  }

  static BpmnEventType eventTypeOf(final FlowNode node) {
    if (!(node instanceof Event)) {
      return BpmnEventType.NONE;
    }
    final Collection<EventDefinition> definitions =
        node instanceof CatchEvent catchEvent
            ? catchEvent.getEventDefinitions()
            : node instanceof ThrowEvent throwEvent ? throwEvent.getEventDefinitions() : List.of();
    if (definitions.isEmpty()) {
      return BpmnEventType.NONE;
    }
    final EventDefinition definition = definitions.iterator().next();
    if (definition instanceof TerminateEventDefinition) {
      return BpmnEventType.TERMINATE;
    } else if (definition instanceof ErrorEventDefinition) {
      return BpmnEventType.ERROR;
    } else if (definition instanceof MessageEventDefinition) {
      return BpmnEventType.MESSAGE;
    } else if (definition instanceof TimerEventDefinition) {
      return BpmnEventType.TIMER;
    } else if (definition instanceof SignalEventDefinition) {
      return BpmnEventType.SIGNAL;
    } else if (definition instanceof EscalationEventDefinition) {
      return BpmnEventType.ESCALATION;
    } else if (definition instanceof LinkEventDefinition) {
      return BpmnEventType.LINK;
    } else if (definition instanceof CompensateEventDefinition) {
      return BpmnEventType.COMPENSATION;
    } else if (definition instanceof ConditionalEventDefinition) {
      return BpmnEventType.CONDITIONAL;
    }
    return BpmnEventType.UNSPECIFIED;
  }
}
