package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.TransitionRefusedException;

/** A change the incident's current state does not allow, e.g. reopening a closed incident. */
public class IllegalTransitionException extends TransitionRefusedException {
  public IllegalTransitionException(
      final String number, final IncidentState from, final IncidentState to) {
    super("incident", number, from, to);
  }
}
