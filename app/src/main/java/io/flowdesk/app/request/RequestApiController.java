package io.flowdesk.app.request;

import io.flowdesk.app.forms.FormComponent;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.portal.catalog.CatalogItem;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.PageOf;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestNotFoundException;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog and request REST API: the same items, form validation, records and permissions as the
 * portal. Errors are RFC 9457 problem documents ({@link RequestApiProblems}).
 */
@RestController
@Tag(name = "Requests", description = "Order catalog items and follow the requests")
class RequestApiController {

  static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> ORDER_FIELDS = Set.of("item", "requestedFor", "variables");

  private final ServiceCatalog catalog;
  private final FormValidator validator;
  private final RequestOrdering ordering;
  private final RequestRecords records;
  private final RequestAccess access;
  private final RequestCommands commands;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;

  RequestApiController(
      final ServiceCatalog catalog,
      final FormValidator validator,
      final RequestOrdering ordering,
      final RequestRecords records,
      final RequestAccess access,
      final RequestCommands commands,
      final Viewers viewers,
      final IdempotencyKeys onceOnly) {
    this.catalog = catalog;
    this.validator = validator;
    this.ordering = ordering;
    this.records = records;
    this.access = access;
    this.commands = commands;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
  }

  /** An item as the API shows it; {@code form} only on the item's own resource. */
  record ItemResource(
      String id,
      int version,
      String title,
      String category,
      String description,
      String kind,
      String fulfilmentTarget,
      List<String> keywords,
      Map<String, Object> form) {
    static ItemResource of(final CatalogItem item, final boolean withForm) {
      return new ItemResource(
          item.processId(),
          item.version(),
          item.title(),
          item.category(),
          item.description(),
          item.kind().name().toLowerCase(java.util.Locale.ROOT),
          item.fulfilmentTarget() == null ? null : item.fulfilmentTarget().toString(),
          item.keywords(),
          withForm ? form(item.form().id(), item.form().components()) : null);
    }

    private static Map<String, Object> form(final String id, final List<FormComponent> parts) {
      final Map<String, Object> form = new LinkedHashMap<>();
      form.put("id", id);
      form.put("components", parts);
      return form;
    }
  }

  /** A request as the API shows it (never work notes). */
  record RequestResource(
      String number,
      String item,
      int itemVersion,
      String title,
      String requester,
      String requestedFor,
      String state,
      String stage,
      Map<String, Object> answers,
      Instant dueAt,
      Instant createdAt,
      Instant updatedAt) {
    static RequestResource of(final Request request) {
      return new RequestResource(
          request.number(),
          request.itemProcessId(),
          request.itemVersion(),
          request.title(),
          request.requester(),
          request.requestedFor(),
          request.state().name(),
          request.stage().name(),
          request.answers(),
          request.dueAt(),
          request.createdAt(),
          request.updatedAt());
    }
  }

  /** A comment as the API shows it. */
  record CommentResource(long id, String author, String text, Instant createdAt) {
    static CommentResource of(final JournalEntry entry) {
      return new CommentResource(entry.id(), entry.author(), entry.text(), entry.createdAt());
    }
  }

  @GetMapping("/api/catalog/items")
  @Operation(summary = "The catalog items the signed-in person may order")
  List<ItemResource> items() {
    final Viewer viewer = viewer();
    return catalog.offered().stream()
        .filter(item -> item.offeredTo(viewer))
        .map(item -> ItemResource.of(item, false))
        .toList();
  }

  @GetMapping("/api/catalog/items/{id}")
  @Operation(
      summary = "One catalog item with its start form",
      description = "404 for an unknown or withdrawn item, 403 when its audience leaves you out.")
  ItemResource item(@PathVariable final String id) {
    return ItemResource.of(offered(id), true);
  }

  @PostMapping("/api/requests")
  @Operation(
      summary = "Order a catalog item",
      description =
          "Body {\"item\": process id, \"requestedFor\": username (optional), \"variables\":"
              + " {answers}}; the answers are validated against the item's form exactly as the"
              + " portal does (400 naming each field). Only agents, managers and admins may name"
              + " someone else in requestedFor (403 otherwise). Records the request, starts the"
              + " item's process and answers 201 with the request. With an Idempotency-Key header a"
              + " repeat of the same key (within 24 hours) answers the first request.")
  ResponseEntity<RequestResource> order(
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final Set<String> unknown = new java.util.TreeSet<>(body.keySet());
    unknown.removeAll(ORDER_FIELDS);
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(
          "Unknown fields: " + String.join(", ", unknown),
          Map.of(unknown.iterator().next(), "is not a field of an order"));
    }
    if (!(body.get("item") instanceof String itemId) || itemId.isBlank()) {
      throw new InvalidRequestException(
          "The order names no item.", Map.of("item", "is required (the item's id)"));
    }
    final Object requestedFor = body.get("requestedFor");
    if (requestedFor != null && !(requestedFor instanceof String)) {
      throw new InvalidRequestException(
          "requestedFor must be a username.", Map.of("requestedFor", "must be a username"));
    }
    final Object variables = body.getOrDefault("variables", Map.of());
    if (!(variables instanceof Map<?, ?> answers)) {
      throw new InvalidRequestException(
          "variables must be an object.", Map.of("variables", "must be an object of answers"));
    }
    final CatalogItem item = offered(itemId);
    if (item.kind() == CatalogItem.Kind.INCIDENT) {
      throw new InvalidRequestException(
          item.processId() + " is reported through /api/incidents, not ordered.",
          Map.of("item", "is an incident item"));
    }
    if (item.kind() == CatalogItem.Kind.CHANGE) {
      throw new InvalidRequestException(
          item.processId() + " is raised through /api/changes, not ordered.",
          Map.of("item", "is a change item"));
    }
    final FormSubmission submission = validator.validate(item.form(), Map.of(), post(answers));
    if (submission instanceof FormSubmission.Invalid invalid) {
      throw new InvalidRequestException(
          "The answers do not fit the item's form.", invalid.errors());
    }
    final String number =
        onceOnly.once(
            viewer.username(),
            IdempotencyKeys.orders(item.processId()),
            key,
            () ->
                ordering
                    .order(
                        item,
                        viewer,
                        (String) requestedFor,
                        ((FormSubmission.Valid) submission).variables())
                    .number());
    final Request request = access.find(viewer, number);
    return ResponseEntity.created(URI.create("/api/requests/" + request.number()))
        .body(RequestResource.of(request));
  }

  @GetMapping("/api/requests")
  @Operation(
      summary = "Requests: yours (ordered by or for you); agents and managers see all",
      description = "state filters (any of them); newest first.")
  PageOf<RequestResource> list(
      @RequestParam(required = false) final Set<RequestState> state,
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "25") final int size) {
    final Viewer viewer = viewer();
    final PageRequest request =
        PageRequest.of(
            PageNumbers.within(page),
            Math.max(1, Math.min(size, MAX_PAGE_SIZE)),
            Sort.by(Sort.Direction.DESC, "createdAt"));
    final Set<RequestState> states = state == null ? Set.of() : state;
    final Page<Request> found =
        viewer.worksTickets()
            ? records.all(states, request)
            : records.concerning(viewer.username(), states, request);
    return PageOf.of(found, found.map(RequestResource::of).getContent());
  }

  @GetMapping("/api/requests/{number}")
  @Operation(summary = "One request, with its comments (never internal work notes)")
  Map<String, Object> get(@PathVariable final String number) {
    final Request request = access.find(viewer(), number);
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("request", RequestResource.of(request));
    answer.put(
        "comments",
        records.journal(request.id(), false).stream().map(CommentResource::of).toList());
    return answer;
  }

  @PostMapping("/api/requests/{number}/comments")
  @Operation(
      summary = "Comment on a request",
      description = "Body {\"text\": ...}. With an Idempotency-Key a repeat adds nothing.")
  ResponseEntity<Map<String, Object>> comment(
      @PathVariable final String number,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final Request request = access.find(viewer, number);
    if (!(body.get("text") instanceof String text) || text.isBlank() || body.size() != 1) {
      throw new InvalidRequestException(
          "A comment is {\"text\": ...}.", Map.of("text", "is required"));
    }
    final long id = commands.comment(viewer, request, JournalKind.COMMENT, text.strip(), key);
    return ResponseEntity.created(URI.create("/api/requests/" + request.number()))
        .body(Map.of("id", id));
  }

  @PostMapping("/api/requests/{number}/cancellation")
  @Operation(
      summary = "Cancel a request and its process",
      description = "Body optional: {\"reason\": ...}. 409 once it is fulfilled, rejected or over.")
  RequestResource cancel(
      @PathVariable final String number,
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final Request request = access.find(viewer, number);
    final Object reason = body == null ? null : body.get("reason");
    return RequestResource.of(
        commands.cancel(viewer, request, reason == null ? null : reason.toString()));
  }

  /**
   * The item, when the catalog offers it to the viewer.
   *
   * @throws RequestNotFoundException unknown or withdrawn (404)
   * @throws AccessDeniedException its audience leaves the viewer out (403)
   */
  private CatalogItem offered(final String id) {
    final CatalogItem item =
        catalog
            .item(id)
            .orElseThrow(() -> new UnknownItemException("no catalog item " + id + " is offered"));
    final Viewer viewer = viewer();
    if (!item.offeredTo(viewer)) {
      throw new AccessDeniedException(viewer.username() + " may not order " + id);
    }
    return item;
  }

  /** JSON answers as the form post the portal's validator reads (lists as repeated values). */
  private static MultiValueMap<String, String> post(final Map<?, ?> answers) {
    final MultiValueMap<String, String> post = new LinkedMultiValueMap<>();
    answers.forEach(
        (name, value) -> {
          final String field = String.valueOf(name);
          if (value instanceof Collection<?> values) {
            values.forEach(v -> post.add(field, String.valueOf(v)));
          } else {
            post.add(field, value == null ? "" : String.valueOf(value));
          }
        });
    return post;
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
