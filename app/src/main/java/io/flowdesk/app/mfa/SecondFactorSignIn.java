package io.flowdesk.app.mfa;

import io.flowdesk.app.security.HomePage;
import io.flowdesk.app.security.Roles;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * What follows a right password on the sign-in form. A person with a second factor is not signed in
 * yet: the session forgets the authentication, keeps it aside as a {@link PendingSignIn} and the
 * browser goes to the code page, unless it is a device the person chose to remember. A person whose
 * role requires a second factor and who has none is signed in but held to the enrolment page
 * ({@link SecondFactorGate}). Everyone else goes where they were going, or to the portal.
 */
public final class SecondFactorSignIn implements AuthenticationSuccessHandler {

  static final String CODE_PAGE = "/login/mfa";
  static final String ENROLMENT_PAGE = "/account/mfa";

  private final SecondFactors factors;
  private final RememberedDevices devices;
  private final SecondFactorPolicy policy;
  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  // The page asked for before signing in, or the person's home page (their work).
  private final SavedRequestAwareAuthenticationSuccessHandler onwards = HomePage.onwards();

  public SecondFactorSignIn(
      final SecondFactors factors,
      final RememberedDevices devices,
      final SecondFactorPolicy policy,
      final Clock clock) {
    this.factors = factors;
    this.devices = devices;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(
      final HttpServletRequest request,
      final HttpServletResponse response,
      final Authentication authentication)
      throws IOException, ServletException {
    final String username = authentication.getName();
    if (factors.isEnrolled(username)) {
      if (devices.recognises(username, DeviceCookie.read(request))) {
        onwards.onAuthenticationSuccess(request, response, authentication);
        return;
      }
      final SecurityContext empty = SecurityContextHolder.createEmptyContext();
      SecurityContextHolder.setContext(empty);
      contexts.saveContext(empty, request, response);
      request
          .getSession()
          .setAttribute(
              PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, clock.instant()));
      response.sendRedirect(request.getContextPath() + CODE_PAGE);
      return;
    }
    if (policy.requiredFor(Roles.of(authentication))) {
      SecondFactorGate.holdForEnrolment(request.getSession());
      response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
      return;
    }
    onwards.onAuthenticationSuccess(request, response, authentication);
  }

  /** Signs the pending person in after their second factor, and sends them on. */
  void complete(
      final HttpServletRequest request,
      final HttpServletResponse response,
      final PendingSignIn pending)
      throws IOException, ServletException {
    request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
    // A new session id for the signed-in session, as Spring Security gives after a password.
    request.changeSessionId();
    final SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(pending.authentication());
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    onwards.onAuthenticationSuccess(request, response, pending.authentication());
  }
}
