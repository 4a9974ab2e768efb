package io.flowdesk.app.setup;

import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.security.PasswordPolicy;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-time page that creates the first administrator ({@link FirstAdministrator}). Anyone may
 * reach it, so it answers 404 for every address but this start's secret one while nobody exists.
 */
@Controller
class SetupController {

  static final String PATH = "/setup/";

  private final FirstAdministrator firstAdministrator;
  private final PasswordPolicy policy;
  private final SecondFactors secondFactors;

  SetupController(
      final FirstAdministrator firstAdministrator,
      final PasswordPolicy policy,
      final SecondFactors secondFactors) {
    this.secondFactors = secondFactors;
    this.firstAdministrator = firstAdministrator;
    this.policy = policy;
  }

  @GetMapping(PATH + "{token}")
  String form(@PathVariable final String token, final Model model) {
    requireOpen(token);
    model.addAttribute("token", token);
    return "setup";
  }

  @PostMapping(PATH + "{token}")
  String create(
      @PathVariable final String token,
      @RequestParam(defaultValue = "") final String username,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String email,
      @RequestParam(defaultValue = "") final String password,
      @RequestParam(defaultValue = "") final String repeatPassword,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    requireOpen(token);
    // A second factor left from an earlier account of that name counts, as everywhere else.
    final List<String> problems =
        new ArrayList<>(
            policy.violations(username, password, secondFactors.isEnrolled(username.trim())));
    if (!Objects.equals(password, repeatPassword)) {
      problems.add("The two passwords differ.");
    }
    if (problems.isEmpty()) {
      try {
        if (firstAdministrator
            .create(token, username.trim(), displayName, email, password)
            .isEmpty()) {
          throw gone();
        }
        redirect.addFlashAttribute(
            "notice", "Administrator '" + username.trim() + "' created. Sign in to go on.");
        return "redirect:/login";
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    model.addAttribute("token", token);
    model.addAttribute("username", username);
    model.addAttribute("displayName", displayName);
    model.addAttribute("email", email);
    model.addAttribute("problems", problems);
    response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
    return "setup";
  }

  private void requireOpen(final String token) {
    if (!firstAdministrator.opens(token)) {
      throw gone();
    }
  }

  private static ResponseStatusException gone() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }
}
