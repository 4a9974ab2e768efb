package io.flowdesk.engine.deployment.bpmn;

import static java.util.Map.entry;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.CalledDecision;
import io.flowdesk.engine.model.CalledElement;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.ExecutionListener;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.IoMapping;
import io.flowdesk.engine.model.MultiInstance;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.model.ScriptDefinition;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.model.TaskDefinition;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.model.UserTaskDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns one validated, executable {@code <process>} into the engine's {@link ExecutableProcess}.
 * Runs only on diagrams every check has accepted, so it trusts Zeebe's validators (exactly one task
 * definition where one is needed, a type on it, and so on) instead of re-checking.
 */
final class ProcessTransformer {

  private static final Map<String, BpmnElementType> TYPES =
      Map.ofEntries(
          entry("startEvent", BpmnElementType.START_EVENT),
          entry("endEvent", BpmnElementType.END_EVENT),
          entry("intermediateThrowEvent", BpmnElementType.INTERMEDIATE_THROW_EVENT),
          entry("intermediateCatchEvent", BpmnElementType.INTERMEDIATE_CATCH_EVENT),
          entry("boundaryEvent", BpmnElementType.BOUNDARY_EVENT),
          entry("serviceTask", BpmnElementType.SERVICE_TASK),
          entry("sendTask", BpmnElementType.SEND_TASK),
          entry("scriptTask", BpmnElementType.SCRIPT_TASK),
          entry("businessRuleTask", BpmnElementType.BUSINESS_RULE_TASK),
          entry("userTask", BpmnElementType.USER_TASK),
          entry("receiveTask", BpmnElementType.RECEIVE_TASK),
          entry("manualTask", BpmnElementType.MANUAL_TASK),
          entry("task", BpmnElementType.TASK),
          entry("exclusiveGateway", BpmnElementType.EXCLUSIVE_GATEWAY),
          entry("parallelGateway", BpmnElementType.PARALLEL_GATEWAY),
          entry("inclusiveGateway", BpmnElementType.INCLUSIVE_GATEWAY),
          entry("eventBasedGateway", BpmnElementType.EVENT_BASED_GATEWAY),
          entry("subProcess", BpmnElementType.SUB_PROCESS),
          entry("adHocSubProcess", BpmnElementType.AD_HOC_SUB_PROCESS),
          entry("callActivity", BpmnElementType.CALL_ACTIVITY));

  private static final Map<String, BpmnEventType> EVENT_TYPES =
      Map.of(
          "terminateEventDefinition", BpmnEventType.TERMINATE,
          "errorEventDefinition", BpmnEventType.ERROR,
          "messageEventDefinition", BpmnEventType.MESSAGE,
          "timerEventDefinition", BpmnEventType.TIMER,
          "signalEventDefinition", BpmnEventType.SIGNAL,
          "escalationEventDefinition", BpmnEventType.ESCALATION,
          "linkEventDefinition", BpmnEventType.LINK,
          "compensateEventDefinition", BpmnEventType.COMPENSATION,
          "conditionalEventDefinition", BpmnEventType.CONDITIONAL);

  /** Job type Zeebe gives the job of a job-based user task. */
  static final String JOB_WORKER_USER_TASK_TYPE = "io.camunda.zeebe:userTask";

  private static final String JOB_WORKER_USER_TASK_RETRIES = "1";

  private final Process process;
  private final Map<String, FlowElement> elements = new LinkedHashMap<>();
  private final Map<String, SequenceFlow> sequenceFlows = new LinkedHashMap<>();
  private final Map<String, List<String>> boundaryEventsByActivity = new LinkedHashMap<>();
  private final Map<String, List<String>> eventSubProcessStartsByScope = new LinkedHashMap<>();

  /** Every sequence flow of the process and its sub-processes, in document order. */
  private final List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flowsInOrder =
      new ArrayList<>();

  private ProcessTransformer(final Process process) {
    this.process = process;
  }

  static ExecutableProcess transform(final Process process) {
    return new ProcessTransformer(process).transform();
  }

  private ExecutableProcess transform() {
    final String processId = process.getId();
    collectFlows(process.getFlowElements());
    collectAttachments(process.getFlowElements(), processId);
    elements.put(processId, processElement());
    addFlowNodes(process.getFlowElements(), processId);
    return new ExecutableProcess(
        processId,
        process.getName(),
        Collections.unmodifiableMap(elements),
        Collections.unmodifiableMap(sequenceFlows),
        noneStartEventId(),
        versionTag(process),
        StartForm.of(process).map(ProcessTransformer::formLink).orElse(null));
  }

  private void collectFlows(
      final Collection<io.camunda.zeebe.model.bpmn.instance.FlowElement> scope) {
    for (final var element : scope) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flowsInOrder.add(flow);
        sequenceFlows.put(
            flow.getId(),
            new SequenceFlow(
                flow.getId(),
                flow.getSource().getId(),
                flow.getTarget().getId(),
                flow.getConditionExpression() == null
                    ? null
                    : ExpressionCheck.condition(flow.getConditionExpression().getTextContent())));
      } else if (element instanceof SubProcess subProcess) {
        collectFlows(subProcess.getFlowElements());
      }
    }
  }

  /** Boundary events by their activity, event sub-process starts by their enclosing scope. */
  private void collectAttachments(
      final Collection<io.camunda.zeebe.model.bpmn.instance.FlowElement> scope,
      final String scopeId) {
    for (final var element : scope) {
      if (element instanceof BoundaryEvent boundary) {
        boundaryEventsByActivity
            .computeIfAbsent(boundary.getAttachedTo().getId(), id -> new ArrayList<>())
            .add(boundary.getId());
      } else if (element instanceof SubProcess subProcess) {
        if (subProcess.triggeredByEvent()) {
          startEventOf(subProcess)
              .ifPresent(
                  start ->
                      eventSubProcessStartsByScope
                          .computeIfAbsent(scopeId, id -> new ArrayList<>())
                          .add(start));
        }
        collectAttachments(subProcess.getFlowElements(), subProcess.getId());
      }
    }
  }

  private static Optional<String> startEventOf(final SubProcess subProcess) {
    return subProcess.getFlowElements().stream()
        .filter(StartEvent.class::isInstance)
        .map(BaseElement::getId)
        .findFirst();
  }

  private static String noneStartEventOf(
      final Collection<io.camunda.zeebe.model.bpmn.instance.FlowElement> scope) {
    return scope.stream()
        .filter(e -> e instanceof StartEvent start && EventDefinitions.of(start).isEmpty())
        .map(BaseElement::getId)
        .findFirst()
        .orElse(null);
  }

  private void addFlowNodes(
      final Collection<io.camunda.zeebe.model.bpmn.instance.FlowElement> scope,
      final String flowScopeId) {
    for (final var element : scope) {
      if (element instanceof FlowNode node) {
        elements.put(node.getId(), flowNode(node, flowScopeId));
        if (node instanceof SubProcess subProcess) {
          addFlowNodes(subProcess.getFlowElements(), subProcess.getId());
        }
      }
    }
  }

  private FlowElement flowNode(final FlowNode node, final String flowScopeId) {
    final ZeebeIoMapping ioMapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
    return new FlowElement(
        node.getId(),
        node.getName(),
        type(node),
        eventType(node),
        flowScopeId,
        flowIds(node.getIncoming(), flow -> isNode(flow.getTarget(), node)),
        flowIds(node.getOutgoing(), flow -> isNode(flow.getSource(), node)),
        defaultFlowId(node),
        ioMapping == null ? List.of() : mappings(ioMapping.getInputs()),
        ioMapping == null ? List.of() : mappings(ioMapping.getOutputs()),
        taskDefinition(node),
        taskHeaders(node),
        calledDecision(node),
        script(node),
        EventDefinitionTransformer.of(node),
        node instanceof BoundaryEvent boundary ? boundary.getAttachedTo().getId() : null,
        interrupting(node),
        List.copyOf(boundaryEventsByActivity.getOrDefault(node.getId(), List.of())),
        List.copyOf(eventSubProcessStartsByScope.getOrDefault(node.getId(), List.of())),
        startEventId(node),
        userTask(node),
        calledElement(node),
        multiInstance(node),
        executionListeners(node),
        AdHocTransformer.of(node));
  }

  private static List<ExecutionListener> executionListeners(final BaseElement element) {
    final ZeebeExecutionListeners listeners =
        element.getSingleExtensionElement(ZeebeExecutionListeners.class);
    if (listeners == null) {
      return List.of();
    }
    return listeners.getExecutionListeners().stream()
        .map(
            l ->
                new ExecutionListener(
                    l.getEventType() == ZeebeExecutionListenerEventType.end
                        ? ExecutionListener.EventType.END
                        : ExecutionListener.EventType.START,
                    Expression.of(l.getType()),
                    Expression.of(
                        l.getRetries() == null || l.getRetries().isBlank()
                            ? ZeebeTaskDefinition.DEFAULT_RETRIES
                            : l.getRetries())))
        .toList();
  }

  private static boolean interrupting(final FlowNode node) {
    if (node instanceof BoundaryEvent boundary) {
      return boundary.cancelActivity();
    }
    return node instanceof StartEvent start && start.isInterrupting();
  }

  private static String startEventId(final FlowNode node) {
    if (!(node instanceof SubProcess subProcess)) {
      return null;
    }
    return subProcess.triggeredByEvent()
        ? startEventOf(subProcess).orElse(null)
        : noneStartEventOf(subProcess.getFlowElements());
  }

  /**
   * Both kinds of user task: a Camunda user task ({@code zeebe:userTask}) that the engine keeps,
   * and a job-based one whose job has type {@code io.camunda.zeebe:userTask}; both carry the
   * assignment, schedule and form.
   */
  private static UserTaskDefinition userTask(final FlowNode node) {
    if (!(node instanceof UserTask task)) {
      return null;
    }
    final ZeebeAssignmentDefinition assignment =
        task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    final ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
    final ZeebePriorityDefinition priority =
        task.getSingleExtensionElement(ZeebePriorityDefinition.class);
    final ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
    return new UserTaskDefinition(
        optional(assignment == null ? null : assignment.getAssignee()),
        optional(assignment == null ? null : assignment.getCandidateGroups()),
        optional(assignment == null ? null : assignment.getCandidateUsers()),
        optional(schedule == null ? null : schedule.getDueDate()),
        optional(schedule == null ? null : schedule.getFollowUpDate()),
        optional(priority == null ? null : priority.getPriority()),
        form == null ? null : formLink(form),
        taskHeaders(task),
        taskListeners(task));
  }

  private static UserTaskDefinition.FormLink formLink(final ZeebeFormDefinition form) {
    return new UserTaskDefinition.FormLink(
        blankToNull(form.getFormId()),
        binding(form.getBindingType(), form.getVersionTag()),
        optional(form.getExternalReference()),
        blankToNull(form.getFormKey()));
  }

  /** Task listeners in document order; their event types were checked at deployment. */
  private static List<TaskListener> taskListeners(final UserTask task) {
    final ZeebeTaskListeners listeners = task.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (listeners == null) {
      return List.of();
    }
    return listeners.getTaskListeners().stream()
        .map(
            l ->
                new TaskListener(
                    TaskListener.EventType.fromBpmn(l.getDomElement().getAttribute("eventType"))
                        .orElseThrow(),
                    Expression.of(l.getType()),
                    Expression.of(
                        l.getRetries() == null || l.getRetries().isBlank()
                            ? ZeebeTaskListener.DEFAULT_RETRIES
                            : l.getRetries())))
        .toList();
  }

  static boolean camundaUserTask(final FlowNode node) {
    return node instanceof UserTask task
        && task.getSingleExtensionElement(ZeebeUserTask.class) != null;
  }

  private static CalledElement calledElement(final FlowNode node) {
    if (!(node instanceof CallActivity callActivity)) {
      return null;
    }
    final ZeebeCalledElement called =
        callActivity.getSingleExtensionElement(ZeebeCalledElement.class);
    return called == null
        ? null
        : new CalledElement(
            Expression.of(called.getProcessId()),
            called.isPropagateAllChildVariablesEnabled(),
            called.isPropagateAllParentVariablesEnabled(),
            binding(called.getBindingType(), called.getVersionTag()));
  }

  private static ResourceBinding binding(final ZeebeBindingType type, final String versionTag) {
    return ResourceBinding.of(type == null ? null : type.name(), blankToNull(versionTag));
  }

  private static String versionTag(final BaseElement element) {
    final ZeebeVersionTag tag = element.getSingleExtensionElement(ZeebeVersionTag.class);
    return tag == null ? null : blankToNull(tag.getValue());
  }

  private static MultiInstance multiInstance(final FlowNode node) {
    if (!(node instanceof Activity activity)
        || !(activity.getLoopCharacteristics()
            instanceof MultiInstanceLoopCharacteristics characteristics)) {
      return null;
    }
    final ZeebeLoopCharacteristics loop =
        characteristics.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    return new MultiInstance(
        characteristics.isSequential(),
        Expression.of(loop.getInputCollection()),
        blankToNull(loop.getInputElement()),
        blankToNull(loop.getOutputCollection()),
        optional(loop.getOutputElement()),
        characteristics.getCompletionCondition() == null
            ? null
            : Expression.of(characteristics.getCompletionCondition().getTextContent()));
  }

  private static Expression optional(final String attribute) {
    return attribute == null || attribute.isBlank() ? null : Expression.of(attribute);
  }

  private static String blankToNull(final String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private FlowElement processElement() {
    return new FlowElement(
        process.getId(),
        process.getName(),
        BpmnElementType.PROCESS,
        BpmnEventType.NONE,
        null,
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of(),
        null,
        Map.of(),
        null,
        null,
        null,
        null,
        false,
        List.of(),
        List.copyOf(eventSubProcessStartsByScope.getOrDefault(process.getId(), List.of())),
        noneStartEventOf(process.getFlowElements()),
        null,
        null,
        null,
        executionListeners(process),
        null);
  }

  private static BpmnElementType type(final FlowNode node) {
    if (node instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
      return BpmnElementType.EVENT_SUB_PROCESS;
    }
    final String typeName = node.getElementType().getTypeName();
    final BpmnElementType type = TYPES.get(typeName);
    if (type == null) {
      // SupportedElements refuses every type missing here before a process is transformed.
      throw new IllegalArgumentException("No engine element type for BPMN '" + typeName + "'");
    }
    return type;
  }

  private static BpmnEventType eventType(final FlowNode node) {
    final List<EventDefinition> definitions = EventDefinitions.of(node);
    if (definitions.isEmpty()) {
      return BpmnEventType.NONE;
    }
    return definitions.size() > 1
        ? BpmnEventType.UNSPECIFIED
        : EVENT_TYPES.getOrDefault(
            definitions.get(0).getElementType().getTypeName(), BpmnEventType.UNSPECIFIED);
  }

  /**
   * The flows a node declares ({@code <incoming>}/{@code <outgoing>}, the order Modeler shows and
   * Zeebe follows), then any flow that points at the node without being declared there: those
   * references are optional in BPMN and hand-written XML often leaves them out.
   */
  private List<String> flowIds(
      final Collection<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> declared,
      final Predicate<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> touchesNode) {
    final Set<String> ids = new LinkedHashSet<>();
    Stream.concat(declared.stream(), flowsInOrder.stream())
        .filter(touchesNode)
        .forEach(flow -> ids.add(flow.getId()));
    return List.copyOf(ids);
  }

  private static boolean isNode(final FlowNode end, final FlowNode node) {
    return end != null && node.getId().equals(end.getId());
  }

  private static String defaultFlowId(final FlowNode node) {
    final io.camunda.zeebe.model.bpmn.instance.SequenceFlow defaultFlow;
    if (node instanceof ExclusiveGateway gateway) {
      defaultFlow = gateway.getDefault();
    } else if (node instanceof InclusiveGateway gateway) {
      defaultFlow = gateway.getDefault();
    } else if (node instanceof Activity activity) {
      defaultFlow = activity.getDefault();
    } else {
      defaultFlow = null;
    }
    return defaultFlow == null ? null : defaultFlow.getId();
  }

  private static List<IoMapping> mappings(final Collection<? extends ZeebeMapping> mappings) {
    return mappings.stream()
        .map(m -> new IoMapping(Expression.of(m.getSource()), m.getTarget()))
        .toList();
  }

  private static TaskDefinition taskDefinition(final FlowNode element) {
    if (element instanceof UserTask && !camundaUserTask(element)) {
      return new TaskDefinition(
          Expression.of(JOB_WORKER_USER_TASK_TYPE), Expression.of(JOB_WORKER_USER_TASK_RETRIES));
    }
    final ZeebeTaskDefinition definition =
        element.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null) {
      return null;
    }
    final String retries = definition.getRetries();
    return new TaskDefinition(
        Expression.of(definition.getType()),
        Expression.of(
            retries == null || retries.isBlank() ? ZeebeTaskDefinition.DEFAULT_RETRIES : retries));
  }

  private static Map<String, String> taskHeaders(final BaseElement element) {
    final ZeebeTaskHeaders headers = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (headers == null) {
      return Map.of();
    }
    final Map<String, String> byKey = new LinkedHashMap<>();
    for (final ZeebeHeader header : headers.getHeaders()) {
      // A header written without value is an empty one, so that the map holds no nulls.
      byKey.put(header.getKey(), header.getValue() == null ? "" : header.getValue());
    }
    return Collections.unmodifiableMap(byKey);
  }

  private static CalledDecision calledDecision(final BaseElement element) {
    final ZeebeCalledDecision decision =
        element.getSingleExtensionElement(ZeebeCalledDecision.class);
    return decision == null
        ? null
        : new CalledDecision(
            Expression.of(decision.getDecisionId()),
            decision.getResultVariable(),
            binding(decision.getBindingType(), decision.getVersionTag()));
  }

  private static ScriptDefinition script(final BaseElement element) {
    final ZeebeScript script = element.getSingleExtensionElement(ZeebeScript.class);
    return script == null
        ? null
        : new ScriptDefinition(Expression.of(script.getExpression()), script.getResultVariable());
  }

  /** The process-level start event without event definition, where a plain instance starts. */
  private String noneStartEventId() {
    return noneStartEventOf(process.getFlowElements());
  }
}
