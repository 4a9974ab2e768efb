package io.flowdesk.app.apitoken;

import java.security.Principal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Everyone's API tokens for admins ({@code /admin/**} is theirs alone): list and revoke. */
@Controller
@RequestMapping("/admin/tokens")
class AdminTokensController {

  private static final Logger LOG = LoggerFactory.getLogger(AdminTokensController.class);

  private final PersonalTokens tokens;
  private final TokenRateLimiter rates;
  private final Clock clock;

  AdminTokensController(
      final PersonalTokens tokens, final TokenRateLimiter rates, final Clock clock) {
    this.tokens = tokens;
    this.rates = rates;
    this.clock = clock;
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
    if (!tokens.revokeAny(id, admin.getName())) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "There is no active token " + id + ".");
    }
    rates.forget(id);
    LOG.info("{} revoked API token {} through the admin page", admin.getName(), id);
    redirect.addFlashAttribute("notice", "Token " + id + " revoked.");
    return "redirect:/admin/tokens";
  }
}
