package io.flowdesk.engine.deployment.bpmn;

import static java.util.Map.entry;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePublishMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What the engine can run today. Zeebe's validators accept far more than that, so without this
 * check a diagram would deploy and then get stuck on the first element the engine cannot run.
 * Widening support means adding to the lists below (and teaching the runtime the element).
 */
final class SupportedElements {

  /** Flow node types the engine runs, by BPMN type name. */
  private static final Set<String> SUPPORTED_TYPES =
      Set.of(
          "startEvent",
          "endEvent",
          "intermediateThrowEvent",
          "intermediateCatchEvent",
          "boundaryEvent",
          "subProcess",
          "adHocSubProcess",
          "userTask",
          "receiveTask",
          "eventBasedGateway",
          "callActivity",
          "exclusiveGateway",
          "parallelGateway",
          "inclusiveGateway",
          "serviceTask",
          "sendTask",
          "scriptTask",
          "businessRuleTask",
          "manualTask",
          "task");

  /** Event definitions the engine runs, by event type; an event without one is always run. */
  private static final Map<String, Set<String>> SUPPORTED_EVENT_DEFINITIONS =
      Map.of(
          "startEvent",
          Set.of(
              "timerEventDefinition",
              "messageEventDefinition",
              "signalEventDefinition",
              "errorEventDefinition",
              "escalationEventDefinition"),
          "endEvent",
          Set.of(
              "terminateEventDefinition",
              "errorEventDefinition",
              "escalationEventDefinition",
              "signalEventDefinition",
              "messageEventDefinition",
              "compensateEventDefinition"),
          "intermediateThrowEvent",
          Set.of(
              "signalEventDefinition",
              "escalationEventDefinition",
              "linkEventDefinition",
              "messageEventDefinition",
              "compensateEventDefinition"),
          "intermediateCatchEvent",
          Set.of(
              "timerEventDefinition",
              "messageEventDefinition",
              "signalEventDefinition",
              "linkEventDefinition"),
          "boundaryEvent",
          Set.of(
              "timerEventDefinition",
              "messageEventDefinition",
              "signalEventDefinition",
              "errorEventDefinition",
              "escalationEventDefinition",
              "compensateEventDefinition"));

  /** How messages name the flow node types, in the plural. */
  private static final Map<String, String> PLURAL_NAMES =
      Map.ofEntries(
          entry("startEvent", "start events"),
          entry("endEvent", "end events"),
          entry("intermediateThrowEvent", "intermediate throw events"),
          entry("intermediateCatchEvent", "intermediate catch events"),
          entry("boundaryEvent", "boundary events"),
          entry("userTask", "user tasks"),
          entry("receiveTask", "receive tasks"),
          entry("callActivity", "call activities"),
          entry("subProcess", "embedded sub-processes"),
          entry("adHocSubProcess", "ad-hoc sub-processes"),
          entry("transaction", "transactions"),
          entry("eventBasedGateway", "event-based gateways"),
          entry("complexGateway", "complex gateways"));

  private SupportedElements() {}

  /** Every element of the process (sub-processes included) the engine cannot run, and why. */
  static List<Problem> check(final Process process) {
    final List<Problem> problems = new ArrayList<>();
    unsupportedListeners(process).ifPresent(p -> problems.add(Problem.at(process.getId(), p)));
    checkAll(process.getFlowElements(), problems);
    CompensationRules.check(process.getFlowElements(), problems);
    return problems;
  }

  private static void checkAll(final Collection<FlowElement> elements, final List<Problem> out) {
    for (final FlowElement element : elements) {
      unsupported(element).forEach(what -> out.add(Problem.at(element.getId(), what)));
      if (element instanceof SubProcess subProcess) {
        // Report what is inside too, so a user sees everything still missing at once.
        checkAll(subProcess.getFlowElements(), out);
      }
    }
  }

  private static Stream<String> unsupported(final FlowElement element) {
    if (!(element instanceof FlowNode node)) {
      // Sequence flows are all supported (Zeebe's validators already restrict conditions to
      // flows leaving a gateway); data objects and stores carry no behaviour, Zeebe ignores them.
      return Stream.empty();
    }
    final String type = node.getElementType().getTypeName();
    if (!SUPPORTED_TYPES.contains(type)) {
      return Stream.of(notYet(describe(node)));
    }
    if (isCompensationStartEvent(node)) {
      return Stream.of(compensationStartEvent(node));
    }
    return Stream.of(
            unsupportedEventDefinition(node, type),
            unsupportedSendTask(node),
            unsupportedActivityBehaviour(node),
            unsupportedListeners(node))
        .flatMap(Optional::stream);
  }

  private static Optional<String> unsupportedEventDefinition(
      final FlowNode node, final String type) {
    final List<EventDefinition> definitions = EventDefinitions.of(node);
    final Set<String> supported = SUPPORTED_EVENT_DEFINITIONS.getOrDefault(type, Set.of());
    final boolean runnable =
        definitions.isEmpty()
            || (definitions.size() == 1
                && supported.contains(definitions.get(0).getElementType().getTypeName()));
    return runnable ? Optional.empty() : Optional.of(notYet(describe(node)));
  }

  private static boolean isCompensationStartEvent(final FlowNode node) {
    return node instanceof StartEvent
        && EventDefinitions.of(node).stream().anyMatch(d -> d instanceof CompensateEventDefinition);
  }

  /**
   * Not a gap of Flowdesk's but of Camunda 8.8: its BPMN coverage page lists the compensation event
   * sub-process among the elements it does not execute, and its event sub-processes start at timer,
   * message, signal, error or escalation events only. What such a sub-process would do is what
   * Camunda 8.8 does with a compensation boundary event on the sub-process and its handler.
   */
  private static String compensationStartEvent(final FlowNode node) {
    final String where =
        node.getParentElement() instanceof SubProcess parent && parent.triggeredByEvent()
            ? ", so event sub-process '" + parent.getId() + "' could never start"
            : "";
    return "Camunda 8.8 does not support compensation start events (compensation event"
        + " sub-processes)"
        + where
        + "; compensate the sub-process through a compensation boundary event and its handler"
        + " (which may itself be a sub-process)";
  }

  private static Optional<String> unsupportedSendTask(final FlowNode node) {
    // A send task either creates a job (zeebe:taskDefinition) or publishes a message itself.
    return node.getElementType().getTypeName().equals("sendTask")
            && hasExtension(node, ZeebePublishMessage.class)
        ? Optional.of(notYet("send tasks that publish a message (zeebe:publishMessage)"))
        : Optional.empty();
  }

  private static Optional<String> unsupportedActivityBehaviour(final FlowNode node) {
    if (!(node instanceof Activity activity)) {
      return Optional.empty();
    }
    // Zeebe's model has no type for standardLoopCharacteristics, so the model API never returns
    // it: the element is only seen in the XML. Dropping it silently would run the activity once.
    final boolean standardLoop =
        activity.getDomElement().getChildElements().stream()
            .anyMatch(child -> "standardLoopCharacteristics".equals(child.getLocalName()));
    if (standardLoop
        || (activity.getLoopCharacteristics() != null
            && !(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics))) {
      return Optional.of(
          "Camunda 8 does not support standard loops (standardLoopCharacteristics); use a"
              + " multi-instance activity (multiInstanceLoopCharacteristics, sequential for one"
              + " iteration after another) instead");
    }
    return Optional.empty();
  }

  /**
   * Execution listeners run everywhere Camunda 8.8 runs them; it documents end listeners of
   * gateways as unsupported (start listeners are, e.g. to set the variables a gateway decides on).
   * On a multi-instance activity they run, as in Camunda 8.8, around each inner instance.
   */
  private static Optional<String> unsupportedListeners(final BaseElement element) {
    if (!hasExtension(element, ZeebeExecutionListeners.class)) {
      return Optional.empty();
    }
    if (!(element instanceof Gateway)) {
      return Optional.empty();
    }
    // Not the single-element accessor: duplicates are Zeebe's validators' to report.
    final boolean endListener =
        element
            .getExtensionElements()
            .getElementsQuery()
            .filterByType(ZeebeExecutionListeners.class)
            .list()
            .stream()
            .flatMap(listeners -> listeners.getExecutionListeners().stream())
            .anyMatch(l -> l.getEventType() == ZeebeExecutionListenerEventType.end);
    return endListener
        ? Optional.of(
            "Camunda 8.8 does not support end execution listeners on gateways (a gateway leaves"
                + " as soon as it decided); use a start listener on the element after the gateway")
        : Optional.empty();
  }

  /**
   * Unlike {@code getSingleExtensionElement}, does not throw on duplicates (Zeebe reports them).
   */
  private static boolean hasExtension(
      final BaseElement element, final Class<? extends ModelElementInstance> type) {
    final ExtensionElements extensions = element.getExtensionElements();
    return extensions != null && extensions.getElementsQuery().filterByType(type).count() > 0;
  }

  /** E.g. "user tasks", "timer start events", "event sub-processes". */
  private static String describe(final FlowNode node) {
    final String type = node.getElementType().getTypeName();
    if (node instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
      return "event sub-processes";
    }
    final String plural = PLURAL_NAMES.getOrDefault(type, "'" + type + "' elements");
    final List<EventDefinition> definitions = EventDefinitions.of(node);
    if (definitions.isEmpty()) {
      return plural;
    }
    if (definitions.size() > 1) {
      return plural + " with several event definitions";
    }
    return definitionName(definitions.get(0)) + " " + plural;
  }

  /** E.g. "timer" for {@code timerEventDefinition}. */
  private static String definitionName(final EventDefinition definition) {
    final String name = definition.getElementType().getTypeName().replace("EventDefinition", "");
    return name.equals("compensate") ? "compensation" : name;
  }

  private static String notYet(final String what) {
    return "Flowdesk does not support " + what + " yet";
  }
}
