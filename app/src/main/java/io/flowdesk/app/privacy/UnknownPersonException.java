package io.flowdesk.app.privacy;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Nobody in the directory has the username asked for. */
class UnknownPersonException extends ResponseStatusException {

  UnknownPersonException(final String username) {
    super(HttpStatus.NOT_FOUND, "There is nobody with the username '" + username + "'.");
  }
}
