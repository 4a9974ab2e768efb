package io.flowdesk.app.mfa;

import io.flowdesk.app.security.LoginThrottledException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The second step of signing in ({@code /login/mfa}): after a right password, a code from the
 * person's authenticator app or one of their recovery codes. Wrong codes are throttled like wrong
 * passwords; the page says what was wrong right above the field.
 */
@Controller
@RequestMapping(SecondFactorSignIn.CODE_PAGE)
class SecondFactorLoginController {

  static final String WRONG_CODE =
      "That code is not right, or it was used already. Enter the current 6\u2011digit code from your"
          + " authenticator app, or one of your recovery codes.";
  private static final Logger LOG = LoggerFactory.getLogger(SecondFactorLoginController.class);
  private static final String VIEW = "login-mfa";

  private final SecondFactors factors;
  private final RememberedDevices devices;
  private final SecondFactorThrottle throttle;
  private final SecondFactorSignIn signIn;
  private final Clock clock;

  SecondFactorLoginController(
      final SecondFactors factors,
      final RememberedDevices devices,
      final SecondFactorThrottle throttle,
      final SecondFactorSignIn signIn,
      final Clock clock) {
    this.factors = factors;
    this.devices = devices;
    this.throttle = throttle;
    this.signIn = signIn;
    this.clock = clock;
  }

  @GetMapping
  String page(final HttpSession session, final Model model, final RedirectAttributes redirect) {
    if (pending(session).isEmpty()) {
      return backToPassword(redirect);
    }
    return page(model);
  }

  @PostMapping
  String verify(
      @RequestParam(defaultValue = "") final String code,
      @RequestParam(defaultValue = "false") final boolean remember,
      final HttpServletRequest request,
      final HttpServletResponse response,
      final HttpSession session,
      final Model model,
      final RedirectAttributes redirect)
      throws IOException, ServletException {
    final Optional<PendingSignIn> pending = pending(session);
    if (pending.isEmpty()) {
      return backToPassword(redirect);
    }
    final String username = pending.get().username();
    final String address = request.getRemoteAddr();
    final Optional<Duration> wait = throttle.refusal(username, address);
    if (wait.isPresent()) {
      final LoginThrottledException throttled = new LoginThrottledException(wait.get());
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.waitSeconds()));
      model.addAttribute("error", throttled.advice());
      return page(model);
    }
    final Optional<SecondFactors.Proof> proof = factors.verify(username, code);
    if (proof.isEmpty()) {
      throttle.failed(username, address);
      LOG.info("wrong second-factor code for {}", username);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", WRONG_CODE);
      model.addAttribute("remember", remember);
      return page(model);
    }
    throttle.succeeded(username, address);
    if (remember) {
      DeviceCookie.write(
          response,
          devices.remember(username, BrowserName.of(request.getHeader(HttpHeaders.USER_AGENT))));
    }
    if (proof.get() == SecondFactors.Proof.RECOVERY_CODE) {
      final int left = factors.recoveryCodesLeft(username);
      LOG.info("{} signed in with a recovery code, {} left", username, left);
      // Shown on whatever page comes next (the saved request's or the portal).
      final FlashMap flash = new FlashMap();
      flash.put(
          "flash",
          "You signed in with a recovery code; it cannot be used again. "
              + left
              + (left == 1 ? " recovery code is" : " recovery codes are")
              + " left (Two-factor sign-in).");
      RequestContextUtils.getFlashMapManager(request).saveOutputFlashMap(flash, request, response);
    }
    signIn.complete(request, response, pending.get());
    return null;
  }

  private Optional<PendingSignIn> pending(final HttpSession session) {
    final Object held = session.getAttribute(PendingSignIn.ATTRIBUTE);
    if (!(held instanceof PendingSignIn pending)) {
      return Optional.empty();
    }
    if (pending.expired(clock.instant())) {
      session.removeAttribute(PendingSignIn.ATTRIBUTE);
      return Optional.empty();
    }
    return Optional.of(pending);
  }

  private static String backToPassword(final RedirectAttributes redirect) {
    redirect.addFlashAttribute(
        "notice", "Sign in with your password first (a sign-in waits 10 minutes for its code).");
    return "redirect:/login";
  }

  private static String page(final Model model) {
    model.addAttribute("rememberDays", RememberedDevices.REMEMBER_FOR.toDays());
    return VIEW;
  }
}
