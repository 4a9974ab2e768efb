package io.flowdesk.domain.cmdb;

/** No configuration item (or relationship) with that id. */
public class CiNotFoundException extends RuntimeException {

  public CiNotFoundException(final String message) {
    super(message);
  }
}
