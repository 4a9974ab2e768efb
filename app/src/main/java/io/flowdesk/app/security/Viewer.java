package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Role;
import java.util.Set;

/**
 * The signed-in person as pages and access rules see them: roles from the sign-in, display name and
 * assignment groups as the directory has them now (so a removal from a group takes effect at once).
 */
public record Viewer(String username, String displayName, Set<Role> roles, Set<String> groups) {

  public Viewer {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  public boolean has(final Role role) {
    return roles.contains(role);
  }

  /** Managers and administrators see every record. */
  public boolean seesAllRecords() {
    return has(Role.MANAGER) || has(Role.ADMIN);
  }

  /** Whether the agent pages (inbox, record pages) are open to this person. */
  public boolean worksTickets() {
    return has(Role.AGENT) || seesAllRecords();
  }

  /** Whether the operations console ({@code /operate}) is open to this person. */
  public boolean operatesProcesses() {
    return has(Role.PROCESS_OWNER) || isAdmin();
  }

  public boolean isAdmin() {
    return has(Role.ADMIN);
  }
}
