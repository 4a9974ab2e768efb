package io.flowdesk.app.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of one delivered alert, as {@code POST /api/alerts} answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlertOutcome(String fingerprint, Action action, String incident, String reason) {

  enum Action {
    /** An incident was opened for the alert. */
    OPENED,
    /** The alert fired again while its incident is open; counted. */
    REPEATED,
    /** The alert resolved and so did its incident. */
    RESOLVED,
    /** Nothing changed; {@code reason} says why. */
    IGNORED
  }
}
