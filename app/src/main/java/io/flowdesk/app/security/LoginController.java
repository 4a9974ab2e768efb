package io.flowdesk.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
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
      return "Too many failed sign-ins. Please wait "
          + describe(throttled.waitFor())
          + " before trying again.";
    }
    // Unknown user, wrong password and disabled account read alike: no hint which accounts exist.
    return BAD_CREDENTIALS;
  }

  private static String describe(final Duration wait) {
    final long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    final long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
