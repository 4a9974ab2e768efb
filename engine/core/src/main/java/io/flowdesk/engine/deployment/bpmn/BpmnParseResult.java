package io.flowdesk.engine.deployment.bpmn;

import io.flowdesk.engine.model.ExecutableProcess;
import java.util.List;

/** The outcome of reading one .bpmn resource: runnable processes, or every problem found. */
public sealed interface BpmnParseResult {

  record Valid(List<ExecutableProcess> processes) implements BpmnParseResult {}

  record Invalid(String message) implements BpmnParseResult {}
}
