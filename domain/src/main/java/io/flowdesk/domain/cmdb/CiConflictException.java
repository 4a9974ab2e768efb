package io.flowdesk.domain.cmdb;

/**
 * The input is well-formed but clashes with what exists: a CI of the same class and name, the same
 * relationship again. Nothing was written.
 */
public class CiConflictException extends InvalidCiException {

  public CiConflictException(final String field, final String message) {
    super(field, message);
  }
}
