package io.flowdesk.app.users;

import io.flowdesk.app.users.PasswordLinks.Check;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages a one-time password link opens (anyone may reach them; the link is the credential) and
 * "Forgot password?". A link that is expired, used, superseded or unknown gets a page saying so and
 * changes nothing; a password the policy refuses gets its reasons inline and uses nothing up.
 */
@Controller
class PasswordLinkController {

  static final String PATH = "/password/";
  static final String FORGOT = PATH + "forgot";

  private final PasswordLinks links;
  private final PasswordChange change;
  private final ForgottenPasswords forgotten;

  PasswordLinkController(
      final PasswordLinks links, final PasswordChange change, final ForgottenPasswords forgotten) {
    this.links = links;
    this.change = change;
    this.forgotten = forgotten;
  }

  @GetMapping(FORGOT)
  String forgotForm() {
    return "password/forgot";
  }

  @PostMapping(FORGOT)
  String forgot(
      @RequestParam(defaultValue = "") final String account,
      final HttpServletRequest request,
      final Model model) {
    if (!account.isBlank()) {
      forgotten.request(account.strip(), request.getRemoteAddr());
    }
    // The same answer whether the account exists, is disabled or was throttled.
    model.addAttribute("sent", true);
    model.addAttribute("validityHours", links.validity().toHours());
    return "password/forgot";
  }

  @GetMapping(PATH + "{token}")
  String form(
      @PathVariable final String token, final Model model, final HttpServletResponse response) {
    noStore(response);
    final Check check = links.check(token);
    if (check instanceof Check.Refused refused) {
      return refused(model, refused, response);
    }
    return page(model, token, (Check.Usable) check, List.of());
  }

  @PostMapping(PATH + "{token}")
  String set(
      @PathVariable final String token,
      @RequestParam(defaultValue = "") final String password,
      @RequestParam(defaultValue = "") final String repeatPassword,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    noStore(response);
    final Check check = links.check(token);
    if (check instanceof Check.Refused refused) {
      return refused(model, refused, response);
    }
    final Check.Usable usable = (Check.Usable) check;
    final List<String> problems = change.problems(usable.username(), password, repeatPassword);
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return page(model, token, usable, problems);
    }
    if (change.setWithLink(token, password).isEmpty()) {
      // Used, superseded or expired between the check and now.
      return refused(
          model,
          links.check(token) instanceof Check.Refused now
              ? now
              : new Check.Refused(PasswordLinks.USED),
          response);
    }
    redirect.addFlashAttribute("notice", "Your password is set. Sign in with it.");
    return "redirect:/login";
  }

  private static String page(
      final Model model,
      final String token,
      final Check.Usable usable,
      final List<String> problems) {
    model.addAttribute("token", token);
    model.addAttribute("username", usable.username());
    model.addAttribute("purpose", usable.purpose());
    model.addAttribute("problems", problems);
    return "password/set";
  }

  private static String refused(
      final Model model, final Check.Refused refused, final HttpServletResponse response) {
    response.setStatus(
        PasswordLinks.UNKNOWN.equals(refused.reason())
            ? HttpStatus.NOT_FOUND.value()
            : HttpStatus.GONE.value());
    model.addAttribute("reason", refused.reason());
    return "password/refused";
  }

  // The page's address is the credential: no browser or proxy cache keeps it.
  private static void noStore(final HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
