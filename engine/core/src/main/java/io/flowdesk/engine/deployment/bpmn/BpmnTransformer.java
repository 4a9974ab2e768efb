package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.CalledDecision;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.IoMapping;
import io.flowdesk.engine.model.ScriptDefinition;
import io.flowdesk.engine.model.TaskDefinition;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * Turns a .bpmn resource into executable processes, after Zeebe's design-time validation and the
 * engine's own checks (FEEL syntax, supported elements). Problems are collected, not thrown, so the
 * analyst sees all of them at once, each with its element id.
 */
public final class BpmnTransformer {

  private final Function<String, Optional<String>> feelParseError;

  public BpmnTransformer(final Function<String, Optional<String>> feelParseError) {
    this.feelParseError = feelParseError;
  }

  public BpmnParseResult transform(final String resourceName, final byte[] xml) {
    final Optional<String> xmlProblem = SafeXml.problem(xml);
    if (xmlProblem.isPresent()) {
      return new BpmnParseResult.Invalid("'" + resourceName + "': " + xmlProblem.get());
    }
    final BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      return new BpmnParseResult.Invalid(
          "'" + resourceName + "': not a valid BPMN model: " + rootMessage(e));
    }
    final Problems problems = new Problems();
    validate(model, problems);
    final List<ExecutableProcess> processes = new ArrayList<>();
    for (final Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(transform(process, problems));
      }
    }
    if (processes.isEmpty()) {
      problems.add(null, "Must contain at least one executable process");
    }
    return problems.isEmpty()
        ? new BpmnParseResult.Valid(List.copyOf(processes))
        : new BpmnParseResult.Invalid(problems.describe(resourceName));
  }

  private static void validate(final BpmnModelInstance model, final Problems problems) {
    final ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (final Map.Entry<ModelElementInstance, List<ValidationResult>> entry :
        results.getResults().entrySet()) {
      for (final ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          problems.add(idOf(entry.getKey()), result.getMessage());
        }
      }
    }
  }

  private ExecutableProcess transform(final Process process, final Problems problems) {
    final Map<String, FlowElement> elements = new LinkedHashMap<>();
    final Map<String, io.flowdesk.engine.model.SequenceFlow> flows = new LinkedHashMap<>();
    elements.put(
        process.getId(),
        new FlowElement(
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
            null));
    String noneStart = null;
    for (final FlowNode node : process.getModelInstance().getModelElementsByType(FlowNode.class)) {
      final ModelElementInstance parent = node.getParentElement();
      if (!isWithin(parent, process)) {
        continue;
      }
      final FlowElement element = element(node, idOf(parent), problems);
      elements.put(element.id(), element);
      SupportedElements.unsupported(element, isMultiInstance(node))
          .ifPresent(
              what -> problems.add(node.getId(), "Flowdesk does not support " + what + " yet"));
      if (node instanceof StartEvent
          && element.eventType() == BpmnEventType.NONE
          && parent == process) {
        noneStart = node.getId();
      }
    }
    for (final SequenceFlow flow :
        process.getModelInstance().getModelElementsByType(SequenceFlow.class)) {
      if (!isWithin(flow.getParentElement(), process)) {
        continue;
      }
      Expression condition = null;
      if (flow.getConditionExpression() != null
          && !flow.getConditionExpression().getTextContent().isBlank()) {
        condition = Expression.of(flow.getConditionExpression().getTextContent());
        if (!condition.feel()) {
          condition = Expression.feel(condition.text());
        }
        checkFeel(flow.getId(), condition, problems);
      }
      flows.put(
          flow.getId(),
          new io.flowdesk.engine.model.SequenceFlow(
              flow.getId(), flow.getSource().getId(), flow.getTarget().getId(), condition));
    }
    return new ExecutableProcess(
        process.getId(), process.getName(), Map.copyOf(elements), Map.copyOf(flows), noneStart);
  }

  private static boolean isWithin(final ModelElementInstance parent, final Process process) {
    ModelElementInstance current = parent;
    while (current != null) {
      if (current == process) {
        return true;
      }
      current = current.getParentElement();
    }
    return false;
  }

  private static boolean isMultiInstance(final FlowNode node) {
    return node instanceof Activity activity && activity.getLoopCharacteristics() != null;
  }

  private FlowElement element(
      final FlowNode node, final String flowScopeId, final Problems problems) {
    final List<IoMapping> inputs = new ArrayList<>();
    final List<IoMapping> outputs = new ArrayList<>();
    final ZeebeIoMapping ioMapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
    if (ioMapping != null) {
      ioMapping
          .getInputs()
          .forEach(i -> inputs.add(mapping(node, i.getSource(), i.getTarget(), problems)));
      ioMapping
          .getOutputs()
          .forEach(o -> outputs.add(mapping(node, o.getSource(), o.getTarget(), problems)));
    }
    TaskDefinition taskDefinition = null;
    final ZeebeTaskDefinition definition =
        node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition != null) {
      taskDefinition =
          new TaskDefinition(
              checked(node, Expression.of(definition.getType()), problems),
              checked(
                  node,
                  Expression.of(definition.getRetries() == null ? "3" : definition.getRetries()),
                  problems));
    }
    final Map<String, String> headers = new LinkedHashMap<>();
    final ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (final ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    CalledDecision calledDecision = null;
    final ZeebeCalledDecision decision = node.getSingleExtensionElement(ZeebeCalledDecision.class);
    if (decision != null) {
      calledDecision =
          new CalledDecision(
              checked(node, Expression.of(decision.getDecisionId()), problems),
              decision.getResultVariable());
    }
    ScriptDefinition script = null;
    final ZeebeScript zeebeScript = node.getSingleExtensionElement(ZeebeScript.class);
    if (zeebeScript != null) {
      script =
          new ScriptDefinition(
              checked(node, Expression.of(zeebeScript.getExpression()), problems),
              zeebeScript.getResultVariable());
    }
    return new FlowElement(
        node.getId(),
        node.getName(),
        ElementTypes.typeOf(node),
        ElementTypes.eventTypeOf(node),
        flowScopeId,
        ids(node.getIncoming()),
        ids(node.getOutgoing()),
        defaultFlow(node),
        List.copyOf(inputs),
        List.copyOf(outputs),
        taskDefinition,
        java.util.Collections.unmodifiableMap(headers),
        calledDecision,
        script);
  }

  private IoMapping mapping(
      final FlowNode node, final String source, final String target, final Problems problems) {
    return new IoMapping(
        checked(node, Expression.of(source == null ? "" : source), problems), target);
  }

  private Expression checked(
      final BaseElement element, final Expression expression, final Problems problems) {
    checkFeel(element.getId(), expression, problems);
    return expression;
  }

  private void checkFeel(
      final String elementId, final Expression expression, final Problems problems) {
    if (expression.feel()) {
      feelParseError
          .apply(expression.text())
          .ifPresent(
              error ->
                  problems.add(
                      elementId,
                      "failed to parse expression '" + expression.text() + "': " + error));
    }
  }

  private static String defaultFlow(final FlowNode node) {
    final SequenceFlow flow;
    if (node instanceof ExclusiveGateway gateway) {
      flow = gateway.getDefault();
    } else if (node instanceof InclusiveGateway gateway) {
      flow = gateway.getDefault();
    } else {
      flow = null;
    }
    return flow == null ? null : flow.getId();
  }

  private static List<String> ids(final Collection<SequenceFlow> flows) {
    return flows.stream().map(SequenceFlow::getId).toList();
  }

  private static String idOf(final ModelElementInstance element) {
    return element == null ? null : element.getAttributeValue("id");
  }

  private static String rootMessage(final Throwable error) {
    Throwable current = error;
    while (current.getCause() != null && current.getCause() != current) {
      current = current.getCause();
    }
    return current.getMessage() == null ? current.toString() : current.getMessage();
  }

  /** Problems by element id, in the order found, formatted as Zeebe formats its rejections. */
  private static final class Problems {
    private final Map<String, List<String>> byElement = new LinkedHashMap<>();

    void add(final String elementId, final String message) {
      byElement
          .computeIfAbsent(elementId == null ? "" : elementId, id -> new ArrayList<>())
          .add(message);
    }

    boolean isEmpty() {
      return byElement.isEmpty();
    }

    String describe(final String resourceName) {
      final StringBuilder text = new StringBuilder("'").append(resourceName).append("':");
      byElement.forEach(
          (id, messages) -> {
            text.append("\n- Element: ").append(id.isEmpty() ? "(resource)" : id);
            messages.forEach(message -> text.append("\n    - ERROR: ").append(message));
          });
      return text.toString();
    }
  }
}
