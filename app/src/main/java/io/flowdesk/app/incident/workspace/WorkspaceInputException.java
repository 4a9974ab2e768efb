package io.flowdesk.app.incident.workspace;

import java.util.Map;

/** A workspace form's input refused before anything changed: the problem per field. */
public class WorkspaceInputException extends RuntimeException {

  private final transient Map<String, String> problems;

  WorkspaceInputException(final Map<String, String> problems) {
    super(String.join("; ", problems.values()));
    this.problems = Map.copyOf(problems);
  }

  static WorkspaceInputException of(final String field, final String problem) {
    return new WorkspaceInputException(Map.of(field, problem));
  }

  /** The problem per form field. */
  public Map<String, String> problems() {
    return problems;
  }
}
