package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The directory's roles as Spring Security authorities ({@code ROLE_AGENT}, ...). */
public final class Roles {

  private static final String PREFIX = "ROLE_";

  private Roles() {}

  /** The authority that stands for {@code role}. */
  public static String authority(final Role role) {
    return PREFIX + role.name();
  }

  /** The roles an authentication carries; authorities that are no role are ignored. */
  public static Set<Role> of(final Authentication authentication) {
    final Set<Role> roles = EnumSet.noneOf(Role.class);
    if (authentication == null) {
      return roles;
    }
    for (final GrantedAuthority granted : authentication.getAuthorities()) {
      final String authority = granted.getAuthority();
      if (authority != null && authority.startsWith(PREFIX)) {
        for (final Role role : Role.values()) {
          if (role.name().equals(authority.substring(PREFIX.length()))) {
            roles.add(role);
          }
        }
      }
    }
    return roles;
  }
}
