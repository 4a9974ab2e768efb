package io.flowdesk.app.apitoken;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * A person's own API tokens: list, create (the token's text is shown on the answer to the create
 * post and never again) and revoke. Someone else's token id is answered like an unknown one.
 */
@Controller
@RequestMapping("/account/tokens")
class AccountTokensController {

  private static final Logger LOG = LoggerFactory.getLogger(AccountTokensController.class);
  private static final String VIEW = "account/tokens";

  private final PersonalTokens tokens;
  private final TokenRateLimiter rates;
  private final Clock clock;

  AccountTokensController(
      final PersonalTokens tokens, final TokenRateLimiter rates, final Clock clock) {
    this.tokens = tokens;
    this.rates = rates;
    this.clock = clock;
  }

  @GetMapping
  String list(final Principal person, final Model model) {
    return page(
        person, model, "", Set.of(TokenScope.READ), PersonalTokens.DEFAULT_VALIDITY.toDays());
  }

  @PostMapping
  String create(
      final Principal person,
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(name = "scope", defaultValue = "") final List<String> scopeLabels,
      @RequestParam(defaultValue = "") final String days,
      final Model model,
      final HttpServletResponse response) {
    final Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
    try {
      for (final String label : scopeLabels) {
        if (!label.isEmpty()) {
          scopes.add(
              TokenScope.ofLabel(label)
                  .orElseThrow(
                      () -> new IllegalArgumentException("There is no scope '" + label + "'.")));
        }
      }
      final PersonalTokens.Issued issued =
          tokens.issue(person.getName(), name, scopes, Duration.ofDays(days(days)));
      LOG.info(
          "{} created API token {} ({}) through the account page",
          person.getName(),
          issued.token().id(),
          issued.token().scopeLabels());
      // The only page that holds the secret: not to be kept by the browser or a proxy.
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      model.addAttribute("issued", issued);
      return page(
          person, model, "", Set.of(TokenScope.READ), PersonalTokens.DEFAULT_VALIDITY.toDays());
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      return page(person, model, name, scopes, days);
    }
  }

  @PostMapping("/{id}/revoke")
  String revoke(
      final Principal person, @PathVariable final String id, final RedirectAttributes redirect) {
    if (!tokens.revokeOwn(id, person.getName())) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "You have no active token " + id + ".");
    }
    rates.forget(id);
    LOG.info("{} revoked API token {}", person.getName(), id);
    redirect.addFlashAttribute("flash", "Token " + id + " revoked.");
    return "redirect:/account/tokens";
  }

  private static long days(final String typed) {
    final String text = typed.strip();
    final long max = PersonalTokens.MAX_VALIDITY.toDays();
    try {
      final long days = Long.parseLong(text);
      if (days >= 1 && days <= max) {
        return days;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new IllegalArgumentException(
        "Expires after: give a whole number of days from 1 to " + max + ", not '" + text + "'.");
  }

  private String page(
      final Principal person,
      final Model model,
      final String typedName,
      final Set<TokenScope> chosenScopes,
      final Object typedDays) {
    model.addAttribute("tokens", tokens.ownedBy(person.getName()));
    model.addAttribute("now", clock.instant());
    model.addAttribute("typedName", typedName);
    model.addAttribute("chosenScopes", chosenScopes);
    model.addAttribute("typedDays", String.valueOf(typedDays));
    model.addAttribute("scopes", TokenScope.values());
    model.addAttribute("maxDays", PersonalTokens.MAX_VALIDITY.toDays());
    return VIEW;
  }
}
