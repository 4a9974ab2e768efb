package io.flowdesk.app.users;

import io.flowdesk.domain.directory.InvalidEntryException;

/**
 * Refused because it would leave nobody who can administer Flowdesk: the last enabled administrator
 * keeps the ADMIN role and stays enabled. A conflict with the installation's state, not a bad value
 * (the API answers 409); forms show it at {@code field} like any refusal.
 */
public class LastAdministratorException extends InvalidEntryException {

  LastAdministratorException(final String field, final String message) {
    super(field, message);
  }
}
