package io.flowdesk.app.admin;

import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
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
 * Connector credentials in the {@link SecretStore}: their names and where they may be used (the
 * connectors and destinations of each {@link SecretBinding}), adding or replacing one, deleting
 * one. A value goes in and is never shown again, not even to the admin who typed it; saving an
 * existing secret without a value changes only where it may be used.
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
    return page(model, "", List.of(), "");
  }

  @PostMapping
  String put(
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String value,
      @RequestParam(defaultValue = "") final List<String> connectors,
      @RequestParam(defaultValue = "") final String destinations,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final String trimmed = name.trim();
    final char[] chars = value.toCharArray();
    final String outcome;
    try {
      final SecretBinding binding =
          SecretBinding.of(connectors, Arrays.asList(destinations.split("\\R")));
      final boolean stored = isStored(trimmed);
      if (stored && chars.length == 0) {
        secrets.bind(trimmed, binding);
        outcome = "now bound to " + describe(binding) + ".";
      } else {
        secrets.put(trimmed, chars, binding);
        outcome = (stored ? "replaced" : "added") + ", bound to " + describe(binding) + ".";
      }
    } catch (IllegalArgumentException e) {
      // The store's and the binding's messages name the problem and never contain the value.
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      return page(model, name, connectors, destinations);
    } finally {
      Arrays.fill(chars, '\0');
    }
    LOG.info("Secret '{}' {} (through the admin page)", trimmed, outcome);
    redirect.addFlashAttribute("notice", "Secret '" + trimmed + "' " + outcome);
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

  private static String describe(final SecretBinding binding) {
    return binding.isNone()
        ? "nothing (usable nowhere)"
        : String.join(", ", binding.connectorList())
            + " to "
            + String.join(", ", binding.destinationTexts());
  }

  private String page(
      final Model model,
      final String typedName,
      final List<String> typedConnectors,
      final String typedDestinations) {
    model.addAttribute("secrets", secrets.list());
    model.addAttribute("connectors", SecretBinding.CONNECTORS);
    model.addAttribute("typedName", typedName);
    model.addAttribute("typedConnectors", typedConnectors);
    model.addAttribute("typedDestinations", typedDestinations);
    return VIEW;
  }
}
