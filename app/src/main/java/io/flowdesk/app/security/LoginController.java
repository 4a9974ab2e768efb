package io.flowdesk.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security handles the post ({@code POST /login}); this page only shows
 * the form and why the last attempt failed: the same words for an unknown user and a wrong
 * password, and how long to wait when sign-ins are throttled.
 */
@Controller
class LoginController {

  static final String BAD_CREDENTIALS = "Wrong username or password.";

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
    return "login";
  }

  private static String message(final Object failure) {
    if (failure instanceof LoginThrottledException throttled) {
      return throttled.advice();
    }
    // Unknown user, wrong password and disabled account read alike: no hint which accounts exist.
    return BAD_CREDENTIALS;
  }
}
