package io.flowdesk.app.incident.workspace;

/** The reasons agents give for a change: required, stripped, bounded. */
final class Reasons {

  private Reasons() {}

  /**
   * {@code reason} stripped.
   *
   * @throws WorkspaceInputException at {@code field} when blank or longer than {@code max}
   */
  static String required(final String reason, final String field, final int max) {
    if (reason == null || reason.isBlank()) {
      throw WorkspaceInputException.of(field, "please give a reason");
    }
    if (reason.strip().length() > max) {
      throw WorkspaceInputException.of(field, "a reason may have at most " + max + " characters");
    }
    return reason.strip();
  }
}
