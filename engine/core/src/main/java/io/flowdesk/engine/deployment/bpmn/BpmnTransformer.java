package io.flowdesk.engine.deployment.bpmn;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.flowdesk.engine.model.ExecutableProcess;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.w3c.dom.Document;

/**
 * Reads a deployed {@code .bpmn} resource into the engine's model, refusing it at deploy time for
 * everything that would otherwise only fail while an instance runs.
 *
 * <p>In order: the bytes must be safe, well-formed XML ({@link SafeXml}) and valid BPMN 2.0 (the
 * model parser checks the schema); then Zeebe's validators ({@link ZeebeValidation}), the engine's
 * support ({@link SupportedElements}) and the expressions ({@link ExpressionCheck}) all run, and
 * their problems are reported together, so one deploy attempt shows everything to fix.
 */
public final class BpmnTransformer {

  private static final String NO_EXECUTABLE_PROCESS =
      "Must contain at least one executable process";

  private final ExpressionCheck expressionCheck;

  /**
   * @param feelParseError given FEEL source (without the leading {@code =}), the parse error
   *     message, or empty if it parses
   */
  public BpmnTransformer(final Function<String, Optional<String>> feelParseError) {
    this.expressionCheck = new ExpressionCheck(Objects.requireNonNull(feelParseError));
  }

  /** Parses, validates and transforms one .bpmn resource. Never throws for bad input. */
  public BpmnParseResult transform(final String resourceName, final byte[] xml) {
    Objects.requireNonNull(resourceName);
    Objects.requireNonNull(xml);
    try {
      return SafeXml.check(resourceName, xml)
          .<BpmnParseResult>map(BpmnParseResult.Invalid::new)
          .orElseGet(() -> transformSafe(resourceName, xml));
    } catch (final RuntimeException e) {
      // The checks above are meant to leave nothing for the model API to trip over; should one
      // be missed, the deployment is still refused with a message rather than failing outright.
      return new BpmnParseResult.Invalid(
          "'" + resourceName + "': could not be read as a BPMN process: " + e);
    }
  }

  private BpmnParseResult transformSafe(final String resourceName, final byte[] xml) {
    final BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (final RuntimeException e) {
      return new BpmnParseResult.Invalid(
          "'" + resourceName + "': not a valid BPMN 2.0 document: " + rootCauseMessage(e));
    }
    final List<Process> executable =
        model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    final Document document = (Document) model.getDocument().getDomSource().getNode();

    final List<Problem> wrongReferences = References.check(model, document);
    if (!wrongReferences.isEmpty()) {
      // The other checks follow these references and would fail on them; report them alone.
      return invalid(resourceName, wrongReferences, document);
    }
    final List<Problem> unknownEvents = TaskListenerEvents.check(model);
    if (!unknownEvents.isEmpty()) {
      // Zeebe's validators cannot read an unknown event type; report it alone.
      return invalid(resourceName, unknownEvents, document);
    }
    final List<Problem> problems = new ArrayList<>(ZeebeValidation.errors(model));
    if (executable.isEmpty()) {
      // Zeebe's validators say so too; ProblemReport lists the same problem once.
      problems.add(ZeebeValidation.problem(model.getDefinitions(), NO_EXECUTABLE_PROCESS));
    }
    executable.forEach(process -> problems.addAll(SupportedElements.check(process)));
    final Set<String> executableIds =
        executable.stream().map(Process::getId).collect(Collectors.toSet());
    problems.addAll(expressionCheck.check(document, executableIds));

    if (!problems.isEmpty()) {
      return invalid(resourceName, problems, document);
    }
    final List<ExecutableProcess> processes =
        executable.stream().map(ProcessTransformer::transform).toList();
    return new BpmnParseResult.Valid(processes);
  }

  private static BpmnParseResult invalid(
      final String resourceName, final List<Problem> problems, final Document document) {
    return new BpmnParseResult.Invalid(ProblemReport.format(resourceName, problems, document));
  }

  /** The parser wraps the useful message (line and what is wrong) in several exceptions. */
  private static String rootCauseMessage(final Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    final String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    // The parser reads from a stream, so it has no URI to name; the resource name is given above.
    return message.replace("URI=null ", "");
  }
}
