package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutableProcess;
import java.util.Optional;

/** Finds the process a call activity starts: the latest deployed version of its id. */
@FunctionalInterface
public interface CalledProcesses {

  /** A deployed process version a call activity can start. */
  record CalledProcess(long processDefinitionKey, ExecutableProcess process) {}

  Optional<CalledProcess> latest(String bpmnProcessId);
}
