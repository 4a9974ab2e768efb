package io.flowdesk.app.backup;

/** A backup or restore that cannot go on, with a message for the operator naming what is wrong. */
public final class BackupProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BackupProblem(final String message) {
    super(message);
  }

  public BackupProblem(final String message, final Throwable cause) {
    super(message, cause);
  }
}
