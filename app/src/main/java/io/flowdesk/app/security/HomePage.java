package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a person lands after signing in when they asked for no page: their work, not the portal.
 * Agents and managers their inbox, administrators the admin pages, process owners the operations
 * console, CAB members the changes awaiting them; everyone else the portal.
 */
public final class HomePage {

  private HomePage() {}

  /** Sends a person on after signing in: to the page they asked for, or else to their home page. */
  public static SavedRequestAwareAuthenticationSuccessHandler onwards() {
    return new SavedRequestAwareAuthenticationSuccessHandler() {
      @Override
      protected String determineTargetUrl(
          final HttpServletRequest request,
          final HttpServletResponse response,
          final Authentication authentication) {
        return of(Roles.of(authentication));
      }
    };
  }

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
