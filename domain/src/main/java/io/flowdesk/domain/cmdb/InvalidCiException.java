package io.flowdesk.domain.cmdb;

/**
 * Refused input, naming the field as forms and the API name it ({@code class}, {@code name}, {@code
 * attributes.cpus}, {@code target}, ...). Nothing was written.
 */
public class InvalidCiException extends IllegalArgumentException {

  private final String field;

  public InvalidCiException(final String field, final String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The message without the field's name in front. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
