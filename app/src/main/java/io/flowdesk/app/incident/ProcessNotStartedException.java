package io.flowdesk.app.incident;

/**
 * The incident process did not start for a report; the record made for it has been canceled, so the
 * report can simply be sent again.
 */
public class ProcessNotStartedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String incidentNumber;

  public ProcessNotStartedException(final String incidentNumber, final Throwable cause) {
    super("the incident process did not start for " + incidentNumber, cause);
    this.incidentNumber = incidentNumber;
  }

  /** The number of the canceled record. */
  public String incidentNumber() {
    return incidentNumber;
  }
}
