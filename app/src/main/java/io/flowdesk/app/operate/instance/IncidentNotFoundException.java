package io.flowdesk.app.operate.instance;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An incident the engine does not know, or that belongs to another process instance. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class IncidentNotFoundException extends RuntimeException {

  IncidentNotFoundException(final long incidentKey) {
    super("no incident " + incidentKey + " in this process instance");
  }
}
