package io.flowdesk.app.record;

/**
 * The process did not start for a new record (an incident's report, a request's order); the record
 * made for it has been canceled, so the report or order can simply be sent again.
 */
public class ProcessNotStartedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String recordNumber;

  public ProcessNotStartedException(final String incidentNumber, final Throwable cause) {
    super("the incident process did not start for " + incidentNumber, cause);
    this.recordNumber = incidentNumber;
  }

  /** The process {@code processId} did not start for record {@code number}, now canceled. */
  public ProcessNotStartedException(
      final String number, final String processId, final Throwable cause) {
    super("process " + processId + " did not start for " + number, cause);
    this.recordNumber = number;
  }

  /** The number of the canceled record. */
  public String recordNumber() {
    return recordNumber;
  }
}
