package io.flowdesk.app.mfa;

import io.flowdesk.app.security.LoginThrottle;
import io.flowdesk.app.security.LoginThrottledException;
import io.flowdesk.app.security.Roles;
import io.flowdesk.domain.directory.Directory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's own two-factor sign-in ({@code /account/mfa}): enrol (the key as text and QR code,
 * confirmed by a first code; the recovery codes are shown on that answer only), see how many
 * recovery codes are left, forget remembered devices, and turn it off with password and code.
 */
@Controller
@RequestMapping(SecondFactorSignIn.ENROLMENT_PAGE)
class AccountSecondFactorController {

  private static final Logger LOG = LoggerFactory.getLogger(AccountSecondFactorController.class);
  private static final String VIEW = "account/mfa";
  private static final String BACK = "redirect:" + SecondFactorSignIn.ENROLMENT_PAGE;

  private final SecondFactors factors;
  private final RememberedDevices devices;
  private final SecondFactorPolicy policy;
  private final SecondFactorThrottle codeThrottle;
  private final LoginThrottle passwordThrottle;
  private final Directory directory;
  private final PasswordEncoder passwords;
  private final Clock clock;

  AccountSecondFactorController(
      final SecondFactors factors,
      final RememberedDevices devices,
      final SecondFactorPolicy policy,
      final SecondFactorThrottle codeThrottle,
      final LoginThrottle passwordThrottle,
      final Directory directory,
      final PasswordEncoder passwords,
      final Clock clock) {
    this.factors = factors;
    this.devices = devices;
    this.policy = policy;
    this.codeThrottle = codeThrottle;
    this.passwordThrottle = passwordThrottle;
    this.directory = directory;
    this.passwords = passwords;
    this.clock = clock;
  }

  @GetMapping
  String show(final Authentication person, final Model model, final HttpServletResponse response) {
    return page(person, model, response);
  }

  /** Confirms the enrolment with the first code from the app. */
  @PostMapping("/confirm")
  String confirm(
      final Authentication person,
      @RequestParam(defaultValue = "") final String code,
      final HttpSession session,
      final Model model,
      final HttpServletResponse response) {
    final String username = person.getName();
    if (factors.isEnrolled(username)) {
      return BACK;
    }
    final Optional<List<String>> recoveryCodes = factors.confirm(username, code);
    if (recoveryCodes.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute(
          "error",
          "That code does not match. Enter the 6\u2011digit code your authenticator app shows now for"
              + " Flowdesk (check the phone's clock if it keeps failing).");
      return page(person, model, response);
    }
    SecondFactorGate.release(session);
    LOG.info("{} turned on two-factor sign-in", username);
    model.addAttribute("recoveryCodes", recoveryCodes.get());
    return page(person, model, response);
  }

  /** Turns two-factor sign-in off: the password and a code (or recovery code) prove it is them. */
  @PostMapping("/disable")
  String disable(
      final Authentication person,
      @RequestParam(defaultValue = "") final String password,
      @RequestParam(defaultValue = "") final String code,
      final HttpServletRequest request,
      final HttpServletResponse response,
      final Model model,
      final RedirectAttributes redirect) {
    final String username = person.getName();
    final String address = request.getRemoteAddr();
    final Optional<Duration> wait =
        passwordThrottle
            .refusal(username, address)
            .or(() -> codeThrottle.refusal(username, address));
    if (wait.isPresent()) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      model.addAttribute("disableError", new LoginThrottledException(wait.get()).advice());
      return page(person, model, response);
    }
    final boolean passwordRight =
        directory
            .passwordHash(username)
            .map(hash -> passwords.matches(password, hash))
            .orElse(false);
    if (!passwordRight) {
      passwordThrottle.failed(username, address);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("disableError", "The password is not right; nothing was changed.");
      return page(person, model, response);
    }
    if (factors.verify(username, code).isEmpty()) {
      codeThrottle.failed(username, address);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("disableError", SecondFactorLoginController.WRONG_CODE);
      return page(person, model, response);
    }
    factors.remove(username);
    LOG.info("{} turned off two-factor sign-in", username);
    if (policy.requiredFor(Roles.of(person))) {
      // Their role requires one: they set up a new one before going on.
      SecondFactorGate.holdForEnrolment(request.getSession());
      redirect.addFlashAttribute(
          "flash",
          "Two-factor sign-in is off. Your role requires it: set it up again with your new"
              + " authenticator.");
    } else {
      redirect.addFlashAttribute("flash", "Two-factor sign-in is off.");
    }
    return BACK;
  }

  @PostMapping("/devices/{id}/forget")
  String forget(
      final Principal person, @PathVariable final String id, final RedirectAttributes redirect) {
    if (!devices.revoke(person.getName(), id)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "You have no remembered device " + id + ".");
    }
    redirect.addFlashAttribute("flash", "That device will ask for a code again.");
    return BACK;
  }

  @PostMapping("/devices/forget")
  String forgetAll(final Principal person, final RedirectAttributes redirect) {
    final int forgotten = devices.revokeAll(person.getName());
    redirect.addFlashAttribute(
        "flash",
        forgotten == 1
            ? "1 device will ask for a code again."
            : forgotten + " devices will ask for a code again.");
    return BACK;
  }

  private String page(
      final Authentication person, final Model model, final HttpServletResponse response) {
    // The page shows the key while enrolling, and the recovery codes once: never cached.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    final String username = person.getName();
    final Optional<Instant> since = factors.enrolledSince(username);
    model.addAttribute("required", policy.requiredFor(Roles.of(person)));
    model.addAttribute("now", clock.instant());
    if (since.isPresent()) {
      model.addAttribute("enrolledSince", since.get());
      model.addAttribute("recoveryCodesLeft", factors.recoveryCodesLeft(username));
      model.addAttribute("devices", devices.of(username));
    } else {
      final SecondFactors.PendingKey key = factors.pendingKey(username);
      final String uri = EnrolmentQrCode.otpauthUri(username, key.base32());
      model.addAttribute("secret", grouped(key.base32()));
      model.addAttribute("qrCode", EnrolmentQrCode.svgDataUri(uri));
      model.addAttribute("otpauthUri", uri);
    }
    return VIEW;
  }

  // Groups of four letters are easier to type into an app than 32 in a row.
  private static String grouped(final String base32) {
    return base32.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
