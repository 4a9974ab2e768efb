package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Role;
import java.util.Set;

/**
 * Where a person lands after signing in when they asked for no page: their work, not the portal.
 * Agents and managers their inbox, administrators the admin pages, process owners the operations
 * console, CAB members the changes awaiting them; everyone else the portal.
 */
public final class HomePage {

  private HomePage() {}

  public static String of(final Set<Role> roles) {
    if (roles.contains(Role.AGENT) || roles.contains(Role.MANAGER)) {
      return "/inbox";
    }
    if (roles.contains(Role.ADMIN)) {
      return "/admin";
    }
    if (roles.contains(Role.PROCESS_OWNER)) {
      return "/operate";
    }
    if (roles.contains(Role.CAB_MEMBER)) {
      return "/changes/cab";
    }
    return "/portal";
  }
}
