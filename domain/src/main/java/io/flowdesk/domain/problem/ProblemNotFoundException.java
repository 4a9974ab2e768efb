package io.flowdesk.domain.problem;

import io.flowdesk.domain.record.RecordNotFoundException;

/** No problem has this id or number. */
public class ProblemNotFoundException extends RecordNotFoundException {
  public ProblemNotFoundException(final String idOrNumber) {
    super("problem", idOrNumber);
  }
}
