package io.flowdesk.app.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds how many password checks one client address may have running at once on this node. The
 * {@link LoginThrottle} counts a failure only once its check has ended, so without this bound a
 * burst of simultaneous guesses would all pass the throttle and all pay bcrypt.
 */
final class PasswordChecksInFlight {

  /** Enough for a few people behind one NAT address signing in at the same moment. */
  static final int PER_ADDRESS = 4;

  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  /** Starts a check for the address; false when it already has its share running. */
  boolean tryStart(final String clientAddress) {
    final boolean[] started = {false};
    running.compute(
        key(clientAddress),
        (address, count) -> {
          final int now = count == null ? 0 : count;
          if (now >= PER_ADDRESS) {
            return count;
          }
          started[0] = true;
          return now + 1;
        });
    return started[0];
  }

  /** Ends a check that {@link #tryStart} started. */
  void finish(final String clientAddress) {
    running.computeIfPresent(key(clientAddress), (address, count) -> count <= 1 ? null : count - 1);
  }

  private static String key(final String clientAddress) {
    return clientAddress == null ? "unknown" : clientAddress;
  }
}
