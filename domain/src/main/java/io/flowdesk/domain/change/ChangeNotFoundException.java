package io.flowdesk.domain.change;

import io.flowdesk.domain.record.RecordNotFoundException;

/** No change has this id or number. */
public class ChangeNotFoundException extends RecordNotFoundException {
  public ChangeNotFoundException(final String idOrNumber) {
    super("change", idOrNumber);
  }
}
