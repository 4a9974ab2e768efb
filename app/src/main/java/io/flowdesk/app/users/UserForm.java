package io.flowdesk.app.users;

import io.flowdesk.domain.directory.InvalidEntryException;
import io.flowdesk.domain.directory.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an administrator enters for a person (the username only when creating one); the same from
 * the admin page and from {@code /api/admin/users}. An empty manager means the person has none.
 */
public record UserForm(
    String username,
    String displayName,
    String email,
    String phone,
    Set<Role> roles,
    Set<String> groups,
    String manager) {

  public UserForm {
    manager = manager == null ? "" : manager.strip();
    roles = roles == null ? Set.of() : Set.copyOf(roles);
    groups = groups == null ? Set.of() : Set.copyOf(new TreeSet<>(groups));
  }

  /**
   * Roles by name, ignoring case ({@code agent}, {@code CAB_MEMBER}).
   *
   * @throws InvalidEntryException (field {@code roles}) naming an unknown role
   */
  public static Set<Role> roles(final Collection<String> names) {
    final Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names == null) {
      return roles;
    }
    for (final String name : names) {
      if (name == null || name.isBlank()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidEntryException(
            "roles",
            "there is no role '"
                + name.strip()
                + "': one of "
                + java.util.Arrays.toString(Role.values()));
      }
    }
    return roles;
  }
}
