package io.flowdesk.app.mfa;

import io.flowdesk.domain.directory.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who must sign in with a second factor ({@code flowdesk.security.mfa.required-roles}, default
 * ADMIN and MANAGER: the people who can change what everyone else may do or see). Such a person
 * without one is sent to enrolment right after the password and can open nothing else until done.
 */
public final class SecondFactorPolicy {

  /** The roles that require a second factor unless configured otherwise. */
  public static final String DEFAULT_REQUIRED_ROLES = "ADMIN,MANAGER";

  private final Set<Role> required;

  /**
   * @param requiredRoles role names separated by commas; empty for none
   * @throws IllegalArgumentException naming a role that does not exist
   */
  public SecondFactorPolicy(final String requiredRoles) {
    final Set<Role> roles = EnumSet.noneOf(Role.class);
    for (final String name : requiredRoles.split(",")) {
      final String trimmed = name.strip().toUpperCase(Locale.ROOT);
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(trimmed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "flowdesk.security.mfa.required-roles: there is no role '"
                + name.strip()
                + "' (roles: "
                + EnumSet.allOf(Role.class)
                + ")",
            e);
      }
    }
    this.required = Set.copyOf(roles);
  }

  /** Whether someone with these roles must have a second factor. */
  public boolean requiredFor(final Collection<Role> roles) {
    return roles.stream().anyMatch(required::contains);
  }
}
