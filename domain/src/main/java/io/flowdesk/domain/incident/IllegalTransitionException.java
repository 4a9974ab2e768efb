package io.flowdesk.domain.incident;

/** A change the incident's current state does not allow, e.g. reopening a closed incident. */
public class IllegalTransitionException extends RuntimeException {
  public IllegalTransitionException(
      final String number, final IncidentState from, final IncidentState to) {
    super("incident " + number + " cannot go from " + from + " to " + to);
  }
}
