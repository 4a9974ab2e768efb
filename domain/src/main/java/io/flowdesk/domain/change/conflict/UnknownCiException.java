package io.flowdesk.domain.change.conflict;

import java.util.UUID;

/** A change was to name a CI the CMDB does not have. */
public class UnknownCiException extends IllegalArgumentException {

  private final UUID ciId;

  public UnknownCiException(final UUID ciId) {
    super("affectedCis: no CI in the CMDB has the id " + ciId);
    this.ciId = ciId;
  }

  public UUID ciId() {
    return ciId;
  }
}
