package io.flowdesk.app.webhook;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.webhook.WebhookDeliveries;
import io.flowdesk.domain.webhook.WebhookEventTypes;
import io.flowdesk.domain.webhook.WebhookSubscription;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's webhook pages: subscriptions (URL, event types, active), each one's delivery log, the
 * dead letters with replay, and a test event. A signing secret is shown once, right after it was
 * generated (subscribing, rotating), never again.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhooksController {

  private static final int SHOWN = 100;

  private final WebhookSubscriptions subscriptions;
  private final WebhookDeliveries deliveries;
  private final WebhookDestinations destinations;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  WebhooksController(
      final WebhookSubscriptions subscriptions,
      final WebhookDeliveries deliveries,
      final WebhookDestinations destinations,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.destinations = destinations;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String webhooks(final Model model) {
    return list(model, "", List.of());
  }

  @PostMapping
  String subscribe(
      final Principal admin,
      @RequestParam(defaultValue = "") final String url,
      @RequestParam(defaultValue = "") final List<String> eventTypes,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    URI checked = null;
    try {
      checked = destinations.check(url);
    } catch (IllegalArgumentException e) {
      model.addAttribute("urlError", e.getMessage());
    }
    if (eventTypes.stream().allMatch(String::isBlank)) {
      model.addAttribute("eventTypesError", "Choose at least one event type.");
    }
    if (checked == null || model.containsAttribute("eventTypesError")) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return list(model, url, eventTypes);
    }
    final URI target = checked;
    final WebhookSubscriptions.WithSecret created;
    try {
      created =
          transactions.execute(
              status -> {
                final WebhookSubscriptions.WithSecret made =
                    subscriptions.create(target, eventTypes, admin.getName());
                audit(
                    admin,
                    "webhook.subscribed",
                    made.subscription(),
                    Map.of(),
                    fields(made.subscription()));
                return made;
              });
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      return list(model, url, eventTypes);
    }
    redirect.addFlashAttribute("secret", created.secret());
    redirect.addFlashAttribute(
        "notice", "Subscribed " + target + ". Copy the signing secret now: it is shown only once.");
    return "redirect:/admin/webhooks/" + created.subscription().id();
  }

  @GetMapping("/{id}")
  String subscription(@PathVariable final long id, final Model model) {
    model.addAttribute("subscription", require(id));
    model.addAttribute("deliveries", deliveries.forSubscription(id, SHOWN));
    return "admin/webhook";
  }

  @PostMapping("/{id}/rotate")
  String rotate(
      final Principal admin, @PathVariable final long id, final RedirectAttributes redirect) {
    final String secret =
        transactions.execute(
            status -> {
              final WebhookSubscriptions.WithSecret rotated =
                  subscriptions.rotateSecret(require(id).id());
              audit(admin, "webhook.secret_rotated", rotated.subscription(), Map.of(), Map.of());
              return rotated.secret();
            });
    redirect.addFlashAttribute("secret", secret);
    redirect.addFlashAttribute(
        "notice", "New signing secret generated. Copy it now: it is shown only once.");
    return "redirect:/admin/webhooks/" + id;
  }

  @PostMapping("/{id}/active")
  String active(
      final Principal admin,
      @PathVariable final long id,
      @RequestParam final boolean active,
      final RedirectAttributes redirect) {
    transactions.executeWithoutResult(
        status -> {
          final WebhookSubscription before = require(id);
          final WebhookSubscription after = subscriptions.setActive(id, active);
          audit(
              admin,
              active ? "webhook.resumed" : "webhook.paused",
              after,
              Map.of("active", before.active()),
              Map.of("active", after.active()));
        });
    redirect.addFlashAttribute("notice", active ? "Subscription resumed." : "Subscription paused.");
    return "redirect:/admin/webhooks/" + id;
  }

  @PostMapping("/{id}/test")
  String test(
      final Principal admin, @PathVariable final long id, final RedirectAttributes redirect) {
    final WebhookSubscription subscription = require(id);
    transactions.executeWithoutResult(
        status -> {
          deliveries.enqueueTest(subscription.id(), Instant.now());
          audit(admin, "webhook.test_sent", subscription, Map.of(), Map.of());
        });
    redirect.addFlashAttribute("notice", "A test event is on its way; it shows below once sent.");
    return "redirect:/admin/webhooks/" + id;
  }

  @PostMapping("/deliveries/{deliveryId}/replay")
  String replay(
      final Principal admin,
      @PathVariable final long deliveryId,
      final RedirectAttributes redirect) {
    final boolean replayed =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  if (!deliveries.replay(deliveryId, Instant.now())) {
                    return false;
                  }
                  events.publishEvent(
                      new AdminAction(
                          admin.getName(),
                          "webhook.replayed",
                          "webhook-delivery:" + deliveryId,
                          Map.of("status", "DEAD"),
                          Map.of("status", "PENDING")));
                  return true;
                }));
    redirect.addFlashAttribute(
        replayed ? "notice" : "error",
        replayed
            ? "Delivery " + deliveryId + " is queued again."
            : "Delivery " + deliveryId + " is not a dead letter.");
    return "redirect:/admin/webhooks";
  }

  @PostMapping("/dead/replay")
  String replayAll(final Principal admin, final RedirectAttributes redirect) {
    final Integer replayed =
        transactions.execute(
            status -> {
              final int count = deliveries.replayAllDead(Instant.now());
              events.publishEvent(
                  new AdminAction(
                      admin.getName(),
                      "webhook.replayed_all",
                      "webhook-delivery:dead",
                      Map.of(),
                      Map.of("count", count)));
              return count;
            });
    redirect.addFlashAttribute("notice", replayed + " dead letters are queued again.");
    return "redirect:/admin/webhooks";
  }

  private WebhookSubscription require(final long id) {
    return subscriptions
        .find(id)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "there is no webhook subscription " + id));
  }

  private void audit(
      final Principal admin,
      final String action,
      final WebhookSubscription subscription,
      final Map<String, Object> before,
      final Map<String, Object> after) {
    events.publishEvent(
        new AdminAction(admin.getName(), action, "webhook:" + subscription.id(), before, after));
  }

  /** What the admin trail records of a subscription (never its secret). */
  private static Map<String, Object> fields(final WebhookSubscription subscription) {
    return Map.of(
        "url", subscription.url().toString(),
        "eventTypes", subscription.eventTypes(),
        "active", subscription.active());
  }

  private String list(final Model model, final String typedUrl, final List<String> typedTypes) {
    model.addAttribute("subscriptions", subscriptions.list());
    model.addAttribute("dead", deliveries.dead(SHOWN));
    model.addAttribute("eventTypes", WebhookEventTypes.ALL);
    model.addAttribute("typedUrl", typedUrl);
    model.addAttribute("typedTypes", typedTypes);
    return "admin/webhooks";
  }
}
