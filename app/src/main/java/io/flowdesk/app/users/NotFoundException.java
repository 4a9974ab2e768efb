package io.flowdesk.app.users;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A person or group the administration pages and API do not know: 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

  NotFoundException(final String message) {
    super(message);
  }
}
