package io.flowdesk.domain.record;

/** No record of a kind has this id or number. */
public class RecordNotFoundException extends RuntimeException {
  public RecordNotFoundException(final String noun, final String idOrNumber) {
    super("no " + noun + " " + idOrNumber);
  }
}
