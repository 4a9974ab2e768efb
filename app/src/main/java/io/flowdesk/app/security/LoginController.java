package io.flowdesk.app.security;

import io.flowdesk.app.security.sso.DirectoryServerUnavailableException;
import io.flowdesk.app.security.sso.OidcSignIn;
import io.flowdesk.app.security.sso.SignInRefusedException;
import io.flowdesk.app.security.sso.SingleSignOnFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security handles the post ({@code POST /login}); this page only shows
 * the form and why the last attempt failed: the same words for an unknown user and a wrong
 * password, how long to wait when sign-ins are throttled, why single sign-on was refused; and the
 * single sign-on button when OpenID Connect is configured.
 */
@Controller
class LoginController {

  static final String BAD_CREDENTIALS = "Wrong username or password.";

  private final ObjectProvider<OidcSignIn> oidc;

  LoginController(final ObjectProvider<OidcSignIn> oidc) {
    this.oidc = oidc;
  }

  @GetMapping(SecurityConfiguration.LOGIN)
  String login(final HttpServletRequest request, final HttpSession session, final Model model) {
    // "?error" and "?logout" are flags without a value.
    if (request.getParameterMap().containsKey("error")) {
      final Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      model.addAttribute("error", message(failure));
    }
    if (request.getParameterMap().containsKey("logout")) {
      model.addAttribute("notice", "You are signed out.");
    }
    final OidcSignIn sso = oidc.getIfAvailable();
    if (sso != null) {
      model.addAttribute("ssoLabel", sso.buttonLabel());
      model.addAttribute("ssoStart", OidcSignIn.START);
    }
    return "login";
  }

  private static String message(final Object failure) {
    if (failure instanceof LoginThrottledException throttled) {
      return throttled.advice();
    }
    // Written for the person: a disabled account, a provider that sent too little, LDAP down.
    if (failure instanceof SignInRefusedException
        || failure instanceof DirectoryServerUnavailableException) {
      return ((Exception) failure).getMessage();
    }
    if (failure instanceof OAuth2AuthenticationException oauth) {
      return SingleSignOnFailures.message(oauth.getError());
    }
    // Unknown user, wrong password and disabled account read alike: no hint which accounts exist.
    return BAD_CREDENTIALS;
  }
}
