package io.flowdesk.app.diagram;

/**
 * A BPMN resource that cannot be drawn: not well-formed, not BPMN, carrying a DOCTYPE (refused as
 * XXE protection) or with diagram coordinates that are not numbers. The message names the problem.
 */
public final class InvalidDiagramException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidDiagramException(final String message) {
    super(message);
  }

  InvalidDiagramException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
