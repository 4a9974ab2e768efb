package io.flowdesk.engine.access;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret the engine's own client (the application's camunda client and workers in the same JVM)
 * presents. Made anew at each start and held only in memory: nothing to configure, nothing stored
 * that could leak, and each node of several has its own, since each node's client talks to its own
 * engine.
 */
record OwnClientToken(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();

  static OwnClientToken random() {
    final byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new OwnClientToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  @Override
  public String toString() {
    return "OwnClientToken[***]";
  }
}
