package io.flowdesk.engine.rest;

/** A request body over the engine's message size limit; answered with 413. */
final class PayloadTooLarge extends RuntimeException {

  PayloadTooLarge(final String message) {
    super(message, null, false, false);
  }
}
