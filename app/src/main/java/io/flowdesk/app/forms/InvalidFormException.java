package io.flowdesk.app.forms;

/** A {@code .form} file that cannot be used; the message names the file and the problem. */
public class InvalidFormException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}, which already names the file. */
  public InvalidFormException(final String message) {
    super(message);
  }

  /** A problem with an underlying cause, such as a JSON syntax error. */
  public InvalidFormException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
