package io.flowdesk.connectors.http;

/** Copies secrets so that the caller may wipe its array. */
final class Secrets {

  private Secrets() {}

  static char[] copy(final char[] secret, final String what) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (final char c : secret) {
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException(what + " contains a line break");
      }
    }
    return secret.clone();
  }
}
