package io.flowdesk.app.admin;

import io.flowdesk.domain.secret.SecretStore;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Connector credentials in the {@link SecretStore}: their names, adding or replacing one, deleting
 * one. A value goes in and is never shown again, not even to the admin who typed it.
 */
@Controller
@RequestMapping("/admin/secrets")
class SecretsController {

  private static final Logger LOG = LoggerFactory.getLogger(SecretsController.class);
  private static final String VIEW = "admin/secrets";

  private final SecretStore secrets;

  SecretsController(final SecretStore secrets) {
    this.secrets = secrets;
  }

  @GetMapping
  String secrets(final Model model) {
    return page(model, "");
  }

  @PostMapping
  String put(
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String value,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final String trimmed = name.trim();
    final char[] chars = value.toCharArray();
    final boolean replaced;
    try {
      replaced = isStored(trimmed);
      secrets.put(trimmed, chars);
    } catch (IllegalArgumentException e) {
      // The store's message names the problem and never contains the value.
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      return page(model, name);
    } finally {
      Arrays.fill(chars, '\0');
    }
    LOG.info("Secret '{}' {} through the admin page", trimmed, replaced ? "replaced" : "added");
    redirect.addFlashAttribute(
        "notice", "Secret '" + trimmed + "' " + (replaced ? "replaced." : "added."));
    return "redirect:/admin/secrets";
  }

  @PostMapping("/delete")
  String delete(
      @RequestParam(defaultValue = "") final String name, final RedirectAttributes redirect) {
    try {
      if (secrets.delete(name)) {
        LOG.info("Secret '{}' deleted through the admin page", name);
        redirect.addFlashAttribute("notice", "Secret '" + name + "' deleted.");
      } else {
        redirect.addFlashAttribute("error", "There is no secret named '" + name + "'.");
      }
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/secrets";
  }

  private boolean isStored(final String name) {
    return secrets.names().contains(name);
  }

  private String page(final Model model, final String typedName) {
    model.addAttribute("names", secrets.names());
    model.addAttribute("typedName", typedName);
    return VIEW;
  }
}
