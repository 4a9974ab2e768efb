package io.flowdesk.app.security.sso;

import io.flowdesk.domain.directory.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * From a provider's role and group values to Flowdesk roles and assignment groups. The roles and
 * groups named here follow the provider at every sign-in; those not named are left to Flowdesk's
 * administrators, so a role granted in Flowdesk is not taken away by a provider that never heard of
 * it.
 *
 * @param roles provider value -> Flowdesk roles
 * @param groups provider value -> assignment group names
 * @param defaultRoles the roles of a person who ends up with none
 */
public record SsoMapping(
    Map<String, List<Role>> roles, Map<String, List<String>> groups, List<Role> defaultRoles) {

  public SsoMapping {
    roles = Map.copyOf(roles);
    groups = Map.copyOf(groups);
    defaultRoles = List.copyOf(defaultRoles);
  }

  /** The roles the provider decides about. */
  Set<Role> managedRoles() {
    return roleSet(roles.values());
  }

  /** The roles {@code memberships} grant. */
  Set<Role> roles(final Set<String> memberships) {
    return roleSet(memberships.stream().filter(roles::containsKey).map(roles::get).toList());
  }

  /** The groups the provider decides about. */
  Set<String> managedGroups() {
    return groupSet(groups.values());
  }

  /** The groups {@code memberships} make a person a member of. */
  Set<String> groups(final Set<String> memberships) {
    return groupSet(memberships.stream().filter(groups::containsKey).map(groups::get).toList());
  }

  private static Set<Role> roleSet(final Collection<List<Role>> lists) {
    final Set<Role> all = EnumSet.noneOf(Role.class);
    lists.forEach(all::addAll);
    return all;
  }

  private static Set<String> groupSet(final Collection<List<String>> lists) {
    final Set<String> all = new TreeSet<>();
    lists.forEach(all::addAll);
    return all;
  }
}
