package io.flowdesk.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where an API request's sign-in comes from: a request with HTTP Basic credentials is signed in by
 * them alone, never by the session cookie that may ride along; any other request by its session. So
 * a request that skips the CSRF check because it carries credentials ({@link #basicCredentials}) is
 * either authenticated by those credentials or refused with 401; the session cannot stand in for
 * credentials that are wrong or of another kind.
 */
final class CredentialsOrSession implements SecurityContextRepository {

  private static final String BASIC = "basic ";

  private final SecurityContextRepository perRequest =
      new RequestAttributeSecurityContextRepository();
  private final SecurityContextRepository session =
      new DelegatingSecurityContextRepository(perRequest, existingSessionsOnly());

  // The API uses a session a person's pages opened, never opens one (SessionCreationPolicy.NEVER
  // configures only the repository Spring Security makes itself, not this one).
  private static SecurityContextRepository existingSessionsOnly() {
    final HttpSessionSecurityContextRepository sessions =
        new HttpSessionSecurityContextRepository();
    sessions.setAllowSessionCreation(false);
    return sessions;
  }

  /** Whether the request carries HTTP Basic credentials (right or wrong). */
  static boolean basicCredentials(final HttpServletRequest request) {
    final String header = request.getHeader("Authorization");
    return header != null && header.toLowerCase(Locale.ROOT).startsWith(BASIC);
  }

  private SecurityContextRepository of(final HttpServletRequest request) {
    return basicCredentials(request) ? perRequest : session;
  }

  @Override
  @SuppressWarnings("deprecation")
  public SecurityContext loadContext(final HttpRequestResponseHolder holder) {
    return of(holder.getRequest()).loadContext(holder);
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(final HttpServletRequest request) {
    return of(request).loadDeferredContext(request);
  }

  @Override
  public void saveContext(
      final SecurityContext context,
      final HttpServletRequest request,
      final HttpServletResponse response) {
    of(request).saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(final HttpServletRequest request) {
    return of(request).containsContext(request);
  }
}
