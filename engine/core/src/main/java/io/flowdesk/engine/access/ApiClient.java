package io.flowdesk.engine.access;

import java.util.Set;

/**
 * A client of the engine's APIs that proved who it is.
 *
 * @param name who it is, for logs and refusals: a configured user, a token's subject, {@code
 *     flowdesk} for the application's own client
 * @param permissions what it may do
 */
public record ApiClient(String name, Set<EnginePermission> permissions) {

  public ApiClient {
    permissions = Set.copyOf(permissions);
  }

  /** True when the client may do what {@code needed} stands for; null needs no permission. */
  public boolean may(final EnginePermission needed) {
    return needed == null || permissions.contains(needed);
  }
}
