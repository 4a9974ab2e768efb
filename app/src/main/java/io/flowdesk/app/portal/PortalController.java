package io.flowdesk.app.portal;

import io.camunda.client.api.command.ClientException;
import io.flowdesk.app.change.ChangeDraftRefusedException;
import io.flowdesk.app.forms.FormRenderer;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.portal.catalog.CatalogItem;
import io.flowdesk.app.portal.catalog.CatalogOrders;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.app.request.OrderingForOthersRefusedException;
import io.flowdesk.app.request.UnknownPersonException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service catalog: the items the signed-in person may order, by category, with a search; each
 * item's page renders and validates the start form deployed with its process and orders it.
 */
@Controller
@RequestMapping("/portal")
@PreAuthorize("isAuthenticated()")
class PortalController {

  private static final Logger LOG = LoggerFactory.getLogger(PortalController.class);

  /** The item page's "Requested for" field (a username; empty for the person ordering). */
  static final String REQUESTED_FOR = "_requestedFor";

  private final ServiceCatalog catalog;
  private final CatalogOrders orders;
  private final FormRenderer renderer;
  private final FormValidator validator;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;

  PortalController(
      final ServiceCatalog catalog,
      final CatalogOrders orders,
      final FormRenderer renderer,
      final FormValidator validator,
      final Viewers viewers,
      final IdempotencyKeys onceOnly) {
    this.catalog = catalog;
    this.orders = orders;
    this.renderer = renderer;
    this.validator = validator;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
  }

  @GetMapping
  String catalog(@RequestParam(defaultValue = "") final String q, final Model model) {
    model.addAttribute("query", q.strip());
    model.addAttribute("categories", catalog.categories(viewer(), q));
    return "portal/catalog";
  }

  /** The old address of "Report an issue" (bookmarks, links): the incident item's page. */
  @GetMapping("/report")
  String report() {
    return catalog.categories(viewer(), "").stream()
        .flatMap(category -> category.items().stream())
        .filter(item -> item.kind() == CatalogItem.Kind.INCIDENT)
        .findFirst()
        .map(item -> "redirect:" + item.href())
        .orElse("redirect:/portal");
  }

  @GetMapping("/items/{processId}")
  String item(
      @PathVariable final String processId, final Model model, final HttpServletResponse response) {
    final CatalogItem item = offered(processId).orElse(null);
    if (item == null) {
      return noSuchItem(processId, model, response);
    }
    model.addAttribute("item", item);
    model.addAttribute("form", renderer.render(item.form(), orders.formData(item)));
    model.addAttribute("requestedFor", "");
    newOnceKey(model);
    return "portal/item";
  }

  @PostMapping("/items/{processId}")
  String order(
      @PathVariable final String processId,
      @RequestParam final MultiValueMap<String, String> page,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final CatalogItem item = offered(processId).orElse(null);
    if (item == null) {
      return noSuchItem(processId, model, response);
    }
    model.addAttribute("item", item);
    // "Requested for" is the page's own field, not the item's form's: the form never sees it.
    final MultiValueMap<String, String> post = new LinkedMultiValueMap<>(page);
    final String requestedFor =
        Optional.ofNullable(post.remove(REQUESTED_FOR))
            .flatMap(values -> values.stream().findFirst())
            .map(String::strip)
            .orElse("");
    model.addAttribute("requestedFor", requestedFor);
    final FormSubmission submission = validator.validate(item.form(), orders.formData(item), post);
    if (submission instanceof FormSubmission.Invalid invalid) {
      model.addAttribute("form", renderer.render(item.form(), orders.formData(item), invalid));
      newOnceKey(model);
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return "portal/item";
    }
    try {
      // A second post of the same page (double click, resent form) answers as the first did.
      final Viewer orderer = viewer();
      final CatalogOrders.Ordered ordered =
          CatalogOrders.Ordered.parse(
              onceOnly.once(
                  orderer.username(),
                  IdempotencyKeys.orders(item.processId()),
                  post.getFirst(FormValidator.ONCE_PARAMETER),
                  () ->
                      orders
                          .order(
                              item,
                              orderer,
                              requestedFor,
                              ((FormSubmission.Valid) submission).variables())
                          .remembered()));
      redirect.addFlashAttribute("flash", ordered.confirmation());
      return "redirect:" + ordered.next();
    } catch (ChangeDraftRefusedException refused) {
      // The change checks go further than the form's rules (an unknown template, an emergency by
      // someone who is not a change manager, the end before the start): shown at their fields.
      return kept(item, post, refused.problems(), model, response, HttpStatus.UNPROCESSABLE_ENTITY);
    } catch (UnknownPersonException nobody) {
      model.addAttribute(
          "requestedForError",
          "There is nobody called \u201c"
              + nobody.username()
              + "\u201d who can receive requests. Enter a colleague's username, or leave it"
              + " empty for yourself.");
      return kept(item, post, model, response, HttpStatus.UNPROCESSABLE_ENTITY);
    } catch (OrderingForOthersRefusedException onlyForThemselves) {
      model.addAttribute(
          "requestedForError",
          "You can order only for yourself. Leave \u201cRequested for\u201d empty, or ask the"
              + " service desk or your manager to order for \u201c"
              + onlyForThemselves.requestedFor()
              + "\u201d.");
      return kept(item, post, model, response, HttpStatus.FORBIDDEN);
    } catch (IllegalArgumentException invalidReport) {
      model.addAttribute(
          "problem", "Your request could not be recorded: " + invalidReport.getMessage() + ".");
      return kept(item, post, model, response, HttpStatus.UNPROCESSABLE_ENTITY);
    } catch (ProcessNotStartedException | ClientException notStarted) {
      LOG.warn("Catalog item {} not started: {}", item.processId(), notStarted.toString());
      model.addAttribute(
          "problem",
          "Your request could not be submitted because the workflow service did not accept"
              + " it. Please try again in a moment.");
      return kept(item, post, model, response, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  private String kept(
      final CatalogItem item,
      final MultiValueMap<String, String> post,
      final Model model,
      final HttpServletResponse response,
      final HttpStatus status) {
    return kept(item, post, Map.of(), model, response, status);
  }

  private String kept(
      final CatalogItem item,
      final MultiValueMap<String, String> post,
      final Map<String, String> errors,
      final Model model,
      final HttpServletResponse response,
      final HttpStatus status) {
    final MultiValueMap<String, String> kept = new LinkedMultiValueMap<>(post);
    kept.remove("_csrf");
    kept.remove(FormValidator.ONCE_PARAMETER);
    newOnceKey(model);
    model.addAttribute(
        "form",
        renderer.render(
            item.form(), orders.formData(item), new FormSubmission.Invalid(errors, kept)));
    response.setStatus(status.value());
    return "portal/item";
  }

  /**
   * The item, if the catalog offers it (empty for unknown and withdrawn ones).
   *
   * @throws AccessDeniedException the item's audience leaves this person out (403)
   */
  private Optional<CatalogItem> offered(final String processId) {
    final Optional<CatalogItem> item = catalog.item(processId);
    final Viewer viewer = viewer();
    if (item.isPresent() && !item.get().offeredTo(viewer)) {
      throw new AccessDeniedException(viewer.username() + " may not order " + processId);
    }
    return item;
  }

  private static void newOnceKey(final Model model) {
    model.addAttribute("onceKey", UUID.randomUUID().toString());
  }

  private static String noSuchItem(
      final String processId, final Model model, final HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("processId", processId);
    return "portal/no-item";
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
