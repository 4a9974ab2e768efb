package io.flowdesk.app.request;

/** No catalog item of this id is offered (never deployed, withdrawn or broken). */
class UnknownItemException extends RuntimeException {
  UnknownItemException(final String message) {
    super(message);
  }
}
