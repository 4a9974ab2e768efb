package io.flowdesk.domain.incident;

/** No incident has this id or number. */
public class IncidentNotFoundException extends RuntimeException {
  public IncidentNotFoundException(final String idOrNumber) {
    super("no incident " + idOrNumber);
  }
}
