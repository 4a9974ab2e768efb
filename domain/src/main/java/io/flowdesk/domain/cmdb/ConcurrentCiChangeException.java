package io.flowdesk.domain.cmdb;

/**
 * A CI an import was about to update changed while the import ran: the run wrote nothing and can
 * simply run again.
 */
public class ConcurrentCiChangeException extends IllegalStateException {

  public ConcurrentCiChangeException() {
    super("a CI changed while the import ran; nothing was imported, run the import again");
  }
}
