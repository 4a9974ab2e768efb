package io.flowdesk.app.passwordchange;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a signed-in person who must change the password ({@link RequiredPasswordChanges}) to the
 * change-password page: pages redirect there, the API (by session) answers 403 naming why. The
 * database is asked once per session and person while nothing is required, and on every request
 * while something is, so the hold ends with the change on whichever node served it. Created by the
 * filter chains, not as a bean, so that the servlet container does not run it on every URL.
 */
public final class PasswordChangeGate extends OncePerRequestFilter {

  /** Where a held person changes the password. */
  public static final String PAGE = "/account/password";

  // The person this session was found free to go on; compared by name, so a new sign-in as someone
  // else in the same session is checked again.
  private static final String FREE = PasswordChangeGate.class.getName() + ".free";

  // What a held person may still open: the change itself, the second factor's enrolment and code
  // pages (held by their own gate first), signing out, the pages' styles, errors.
  private static final List<String> OPEN =
      List.of(
          PAGE,
          "/account/mfa",
          "/login/mfa",
          "/logout",
          "/css/",
          "/js/",
          "/favicon.ico",
          "/favicon.svg",
          "/error");

  private final RequiredPasswordChanges changes;
  private final boolean api;

  private PasswordChangeGate(final RequiredPasswordChanges changes, final boolean api) {
    this.changes = changes;
    this.api = api;
  }

  /** The gate for pages: redirects to the change-password page. */
  public static PasswordChangeGate forPages(final RequiredPasswordChanges changes) {
    return new PasswordChangeGate(changes, false);
  }

  /**
   * The gate for the API's session requests: 403 problem documents. HTTP Basic is refused before
   * (by {@link PasswordChangeRefusal}); a held person cannot have made a personal token.
   */
  public static PasswordChangeGate forApi(final RequiredPasswordChanges changes) {
    return new PasswordChangeGate(changes, true);
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    final HttpSession session = request.getSession(false);
    if (session == null
        || signedIn == null
        || !signedIn.isAuthenticated()
        || signedIn instanceof AnonymousAuthenticationToken
        || signedIn.getName().equals(session.getAttribute(FREE))
        || open(request)) {
      chain.doFilter(request, response);
      return;
    }
    final Optional<String> reason = changes.reason(signedIn.getName());
    if (reason.isEmpty()) {
      session.setAttribute(FREE, signedIn.getName());
      chain.doFilter(request, response);
      return;
    }
    if (api) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                  + ProblemText.json(PasswordChangeRequiredException.detail(reason.get()))
                  + "\"}");
      return;
    }
    response.sendRedirect(request.getContextPath() + PAGE);
  }

  private static boolean open(final HttpServletRequest request) {
    final String path = request.getRequestURI().substring(request.getContextPath().length());
    return OPEN.stream()
        .anyMatch(
            allowed ->
                allowed.endsWith("/")
                    ? path.startsWith(allowed)
                    : path.equals(allowed) || path.startsWith(allowed + "/"));
  }
}
