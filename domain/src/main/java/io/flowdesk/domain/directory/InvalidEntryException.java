package io.flowdesk.domain.directory;

/**
 * A value the {@link Directory} refuses; {@code field} names it as forms and the API call it
 * ({@code username}, {@code displayName}, {@code email}, {@code phone}, {@code name}, {@code
 * managers}, {@code members}, {@code groups}, {@code roles}).
 */
public class InvalidEntryException extends IllegalArgumentException {

  private final String field;

  public InvalidEntryException(final String field, final String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
