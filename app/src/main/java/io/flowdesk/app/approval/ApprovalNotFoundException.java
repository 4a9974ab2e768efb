package io.flowdesk.app.approval;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * No open approval of this id for the signed-in person: unknown, decided, or somebody else's (the
 * same answer for all three, so that nobody learns which approvals exist).
 */
public class ApprovalNotFoundException extends ResponseStatusException {

  public ApprovalNotFoundException(final long id) {
    super(HttpStatus.NOT_FOUND, "There is no open approval " + id + " for you.");
  }

  @Override
  public String getMessage() {
    return getReason();
  }
}
