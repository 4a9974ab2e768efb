package io.flowdesk.app.mfa;

import java.security.Principal;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Reset two-factor" button of the admin's user page ({@code POST
 * /admin/users/{username}/mfa/reset}, CSRF-protected like every page form): back to that page with
 * a notice.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SecondFactorAdminController {

  private static final Logger LOG = LoggerFactory.getLogger(SecondFactorAdminController.class);

  private final SecondFactorReset reset;

  SecondFactorAdminController(final SecondFactorReset reset) {
    this.reset = reset;
  }

  @PostMapping("/admin/users/{username}/mfa/reset")
  String reset(
      final Principal admin,
      @PathVariable final String username,
      final RedirectAttributes redirect) {
    final boolean removed;
    try {
      removed = reset.reset(admin.getName(), username);
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
    LOG.info(
        "{} reset the two-factor sign-in of {} (had one: {})", admin.getName(), username, removed);
    redirect.addFlashAttribute(
        "notice",
        removed
            ? "Two-factor sign-in of "
                + username
                + " was reset and their sign-ins ended; they sign in with their password"
                + " and set it up again."
            : username + " had no two-factor sign-in; nothing changed.");
    return "redirect:/admin/users/" + username;
  }
}
