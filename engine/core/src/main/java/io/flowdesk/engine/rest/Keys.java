package io.flowdesk.engine.rest;

import io.flowdesk.engine.support.Rejection;

/** Keys in REST paths and bodies: decimal strings of 64-bit numbers, as Camunda's REST API has. */
final class Keys {

  private Keys() {}

  static long parse(final String text, final String what) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw Rejection.invalidArgument(
          "Expected '" + what + "' to be a key (a string of digits), but it was '" + text + "'");
    }
  }

  static String format(final long key) {
    return Long.toString(key);
  }
}
