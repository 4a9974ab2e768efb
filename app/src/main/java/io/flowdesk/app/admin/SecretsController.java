package io.flowdesk.app.admin;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.domain.secret.StoredSecret;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
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
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  SecretsController(
      final SecretStore secrets,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.secrets = secrets;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String secrets(final Model model) {
    return page(model, "", List.of(), "");
  }

  @PostMapping
  String put(
      final Principal admin,
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
      outcome =
          transactions.execute(
              status -> {
                final Optional<SecretBinding> before = bindingOf(trimmed);
                final String done;
                final String action;
                if (before.isPresent() && chars.length == 0) {
                  secrets.bind(trimmed, binding);
                  done = "now bound to " + describe(binding) + ".";
                  action = "secret.bound";
                } else {
                  secrets.put(trimmed, chars, binding);
                  done =
                      (before.isPresent() ? "replaced" : "added")
                          + ", bound to "
                          + describe(binding)
                          + ".";
                  action = "secret.saved";
                }
                events.publishEvent(
                    new AdminAction(
                        admin.getName(),
                        action,
                        target(trimmed),
                        before.map(SecretsController::fields).orElse(Map.of()),
                        fields(binding)));
                return done;
              });
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
      final Principal admin,
      @RequestParam(defaultValue = "") final String name,
      final RedirectAttributes redirect) {
    try {
      if (Boolean.TRUE.equals(transactions.execute(status -> deleted(admin, name)))) {
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

  private boolean deleted(final Principal admin, final String name) {
    final Optional<SecretBinding> before = bindingOf(name);
    if (!secrets.delete(name)) {
      return false;
    }
    events.publishEvent(
        new AdminAction(
            admin.getName(),
            "secret.deleted",
            target(name),
            before.map(SecretsController::fields).orElse(Map.of()),
            Map.of()));
    return true;
  }

  private Optional<SecretBinding> bindingOf(final String name) {
    return secrets.list().stream()
        .filter(stored -> stored.name().equals(name))
        .map(StoredSecret::binding)
        .findFirst();
  }

  private static String target(final String name) {
    return "secret:" + name;
  }

  /** Where a secret may be used: what the trail records of it (never its value). */
  private static Map<String, Object> fields(final SecretBinding binding) {
    return Map.of(
        "connectors", binding.connectorList(), "destinations", binding.destinationTexts());
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
