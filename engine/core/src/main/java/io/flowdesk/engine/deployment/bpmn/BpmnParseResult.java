package io.flowdesk.engine.deployment.bpmn;

import io.flowdesk.engine.model.ExecutableProcess;
import java.util.List;

/** The outcome of reading one {@code .bpmn} resource: its processes, or why it was refused. */
public sealed interface BpmnParseResult {

  /** The resource is deployable; one process per executable {@code <process>}, in order. */
  record Valid(List<ExecutableProcess> processes) implements BpmnParseResult {
    public Valid {
      processes = List.copyOf(processes);
    }
  }

  /** The resource is refused; {@code message} names the resource and lists every problem. */
  record Invalid(String message) implements BpmnParseResult {}
}
