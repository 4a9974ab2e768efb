package io.flowdesk.connectors.etl;

/**
 * An ETL run could not complete: bad input, an unreachable source, a target that does not fit the
 * data, or too many rejected rows. The message names the problem (file, line, column or table);
 * when it is thrown by a run, the target table is as it was before the run.
 */
public class EtlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EtlException(final String message) {
    super(message);
  }

  public EtlException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
