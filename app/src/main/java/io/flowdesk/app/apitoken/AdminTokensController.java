package io.flowdesk.app.apitoken;

import io.flowdesk.app.audit.AdminAction;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone's API tokens for admins ({@code /admin/**} is theirs alone): list and revoke; a
 * revocation is recorded in the admin audit trail in its transaction.
 */
@Controller
@RequestMapping("/admin/tokens")
class AdminTokensController {

  private static final Logger LOG = LoggerFactory.getLogger(AdminTokensController.class);

  private final PersonalTokens tokens;
  private final TokenRateLimiter rates;
  private final Clock clock;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  AdminTokensController(
      final PersonalTokens tokens,
      final TokenRateLimiter rates,
      final Clock clock,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.rates = rates;
    this.clock = clock;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("tokens", tokens.all());
    model.addAttribute("now", clock.instant());
    return "admin/tokens";
  }

  @PostMapping("/{id}/revoke")
  String revoke(
      final Principal admin, @PathVariable final String id, final RedirectAttributes redirect) {
    if (!Boolean.TRUE.equals(transactions.execute(status -> revoked(id, admin.getName())))) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "There is no active token " + id + ".");
    }
    rates.forget(id);
    LOG.info("{} revoked API token {} through the admin page", admin.getName(), id);
    redirect.addFlashAttribute("notice", "Token " + id + " revoked.");
    return "redirect:/admin/tokens";
  }

  private boolean revoked(final String id, final String admin) {
    final Optional<PersonalToken> token = tokens.find(id);
    if (token.isEmpty() || !tokens.revokeAny(id, admin)) {
      return false;
    }
    events.publishEvent(
        new AdminAction(
            admin,
            "token.revoked",
            "token:" + id,
            Map.of("owner", token.get().owner(), "name", token.get().name(), "revoked", false),
            Map.of("revoked", true)));
    return true;
  }
}
