package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.RecordNotFoundException;

/** No incident has this id or number. */
public class IncidentNotFoundException extends RecordNotFoundException {
  public IncidentNotFoundException(final String idOrNumber) {
    super("incident", idOrNumber);
  }
}
