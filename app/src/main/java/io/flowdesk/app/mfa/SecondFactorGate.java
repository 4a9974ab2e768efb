package io.flowdesk.app.mfa;

import io.flowdesk.app.apitoken.PersonalTokenFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a signed-in person whose role requires a second factor, and who has none, to the enrolment
 * page: pages redirect there, the API (by session) answers 403 naming why. The hold is a session
 * mark set at sign-in ({@link SecondFactorSignIn}) and lifted when the enrolment is confirmed.
 * Created by the filter chains, not as a bean, so that the servlet container does not run it on
 * every URL.
 */
public final class SecondFactorGate extends OncePerRequestFilter {

  private static final String HELD = SecondFactorGate.class.getName() + ".held";

  // What a held person may still open: enrolment, signing out, the pages' styles, errors.
  private static final List<String> OPEN =
      List.of(
          SecondFactorSignIn.ENROLMENT_PAGE, "/logout", "/css/", "/js/", "/favicon.ico", "/error");

  private final boolean api;

  private SecondFactorGate(final boolean api) {
    this.api = api;
  }

  /** The gate for pages: redirects to enrolment. */
  public static SecondFactorGate forPages() {
    return new SecondFactorGate(false);
  }

  /** The gate for the API's session requests: 403 problem documents. */
  public static SecondFactorGate forApi() {
    return new SecondFactorGate(true);
  }

  static void holdForEnrolment(final HttpSession session) {
    session.setAttribute(HELD, Boolean.TRUE);
  }

  static void release(final HttpSession session) {
    session.removeAttribute(HELD);
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final HttpSession session = request.getSession(false);
    if (session == null
        || session.getAttribute(HELD) == null
        || open(request)
        || (api && ownCredentials(request))) {
      chain.doFilter(request, response);
      return;
    }
    if (api) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":"
                  + "\"Your role requires two-factor authentication: set it up at"
                  + " /account/mfa first.\"}");
      return;
    }
    response.sendRedirect(request.getContextPath() + SecondFactorSignIn.ENROLMENT_PAGE);
  }

  // An API request with a token or Basic credentials is signed in by them, not by the session.
  private static boolean ownCredentials(final HttpServletRequest request) {
    final String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return PersonalTokenFilter.authenticatedByToken(request)
        || (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6));
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
