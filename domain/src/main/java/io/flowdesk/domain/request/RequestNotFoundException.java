package io.flowdesk.domain.request;

import io.flowdesk.domain.record.RecordNotFoundException;

/** No request has this id or number. */
public class RequestNotFoundException extends RecordNotFoundException {
  public RequestNotFoundException(final String idOrNumber) {
    super("request", idOrNumber);
  }
}
