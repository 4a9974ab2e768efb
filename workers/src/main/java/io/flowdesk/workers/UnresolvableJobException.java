package io.flowdesk.workers;

/**
 * A problem only a person can fix (in the directory, in the model's inputs): the job fails without
 * retries, so that the engine's incident shows the message to an administrator, who fixes the cause
 * and resolves the incident. Not a BPMN error, which the calling process could catch and hide.
 */
public class UnresolvableJobException extends RuntimeException {

  public UnresolvableJobException(final String message) {
    super(message);
  }
}
