package io.flowdesk.engine.access;

import java.util.Set;

/**
 * A client of the engine's APIs that proved who it is.
 *
 * @param name who it is, for logs, refusals and deployment listeners: a configured user, a token's
 *     client id or subject, {@code flowdesk} for the application's own client
 * @param kind how it proved it, so that a listener can tell the engine's own client from a
 *     configured user of the same name
 * @param permissions what it may do
 */
public record ApiClient(String name, Kind kind, Set<EnginePermission> permissions) {

  /** How a client authenticated. */
  public enum Kind {
    /** The engine's own client: the application hosting it, with the token made at its start. */
    OWN,
    /** The configured HTTP Basic user. */
    BASIC,
    /** The configured static bearer token. */
    TOKEN,
    /** An OAuth 2 access token; the name is its {@code azp}, {@code client_id} or subject. */
    OAUTH,
    /** No credentials, let in by the local opt-out. */
    LOCAL
  }

  public ApiClient {
    permissions = Set.copyOf(permissions);
  }

  /** True when the client may do what {@code needed} stands for; null needs no permission. */
  public boolean may(final EnginePermission needed) {
    return needed == null || permissions.contains(needed);
  }
}
