package io.flowdesk.workers;

/**
 * An outcome the process should model with an error boundary event: the job ends with a BPMN error
 * of this code instead of completing.
 */
public class BpmnErrorException extends RuntimeException {

  private final String errorCode;

  public BpmnErrorException(final String errorCode, final String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
