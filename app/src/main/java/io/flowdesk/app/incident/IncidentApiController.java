package io.flowdesk.app.incident;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.forms.FormSubmission;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.inbox.TaskInbox;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.record.PageOf;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.incident.AuditEntry;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalEntry;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Priority;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident REST API: the same records, permissions and process as the portal and inbox pages
 * ({@link IncidentAccess} decides what each person sees). Errors are RFC 9457 problem documents
 * ({@link IncidentApiProblems}).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Incidents", description = "Report, follow, work and resolve incidents")
class IncidentApiController {

  static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> REPORT_FIELDS =
      Set.of(
          "shortDescription", "description", "category", "configurationItem", "impact", "urgency");
  private static final Map<String, Class<?>> COMMENT_FIELDS =
      Map.of("text", String.class, "internal", Boolean.class);
  private static final Set<String> RESOLUTION_FIELDS =
      Set.of("resolutionCode", "resolutionNotes", "workNote");
  private static final Set<String> ANSWER_FIELDS = Set.of("comment");

  private final IncidentRecords records;
  private final IncidentAccess access;
  private final IncidentReporting reporting;
  private final CallerResponses responses;
  private final TaskInbox inbox;
  private final FormValidator validator;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;
  private final IncidentJournal journal;

  IncidentApiController(
      final IncidentRecords records,
      final IncidentAccess access,
      final IncidentReporting reporting,
      final CallerResponses responses,
      final TaskInbox inbox,
      final FormValidator validator,
      final Viewers viewers,
      final IdempotencyKeys onceOnly,
      final IncidentJournal journal) {
    this.records = records;
    this.access = access;
    this.reporting = reporting;
    this.responses = responses;
    this.inbox = inbox;
    this.validator = validator;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
    this.journal = journal;
  }

  @PostMapping
  @Operation(
      summary = "Report an incident",
      description =
          "Records the incident for the signed-in caller and starts its process; answers 201 with"
              + " the incident and its Location. With an Idempotency-Key header a repeat of the"
              + " same key (within 24 hours) answers the first incident and records nothing.")
  ResponseEntity<IncidentResource> report(
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final JsonRequest request = JsonRequest.ofText(body, REPORT_FIELDS);
    final String number =
        onceOnly.once(
            viewer.username(),
            IdempotencyKeys.REPORTS,
            key,
            () -> reporting.report(viewer.username(), request.values()).number());
    final Incident incident = access.find(viewer, number);
    return ResponseEntity.created(URI.create("/api/incidents/" + incident.number()))
        .body(IncidentResource.of(incident));
  }

  @GetMapping
  @Operation(
      summary = "List the incidents the signed-in person may see",
      description =
          "Filters combine (AND). sort: number, priority, state, createdAt, updatedAt,"
              + " resolutionDue or breached, with ,asc or ,desc.")
  PageOf<IncidentResource> list(
      @RequestParam(required = false) final Set<IncidentState> state,
      @RequestParam(required = false) final Set<Priority> priority,
      @RequestParam(required = false) final Set<String> group,
      @RequestParam(required = false) final String assignee,
      @RequestParam(required = false) final Boolean breached,
      @RequestParam(required = false) final String q,
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "25") final int size,
      @RequestParam(defaultValue = "updatedAt,desc") final String sort) {
    if (!PageNumbers.accepts(page) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException(
          "page must be between 0 and "
              + PageNumbers.MAX
              + " and size between 1 and "
              + MAX_PAGE_SIZE
              + ".",
          Map.of("size", Integer.toString(size), "page", Integer.toString(page)));
    }
    final IncidentQuery query =
        access.restrict(
            viewer(),
            new IncidentQuery(
                Set.of(),
                group == null ? Set.of() : group,
                state == null ? Set.of() : state,
                priority == null ? Set.of() : priority,
                assignee,
                breached,
                q));
    final Page<Incident> found = records.search(query, PageRequest.of(page, size, sort(sort)));
    return PageOf.of(found, found.getContent().stream().map(IncidentResource::of).toList());
  }

  @GetMapping("/{number}")
  @Operation(summary = "One incident")
  IncidentResource get(@PathVariable final String number) {
    return IncidentResource.of(access.find(viewer(), number));
  }

  @GetMapping("/{number}/journal")
  @Operation(summary = "The incident's comments, and for agents its work notes, oldest first")
  List<JournalEntry> journal(@PathVariable final String number) {
    final Viewer viewer = viewer();
    final Incident incident = access.find(viewer, number);
    return records.journal(incident.id(), viewer.worksTickets());
  }

  @GetMapping("/{number}/audit-trail")
  @Operation(summary = "Every change to the incident: who, when, field, old and new value")
  List<AuditEntry> auditTrail(@PathVariable final String number) {
    final Viewer viewer = viewer();
    requireAgent(viewer);
    return records.auditTrail(access.find(viewer, number).id());
  }

  @PostMapping("/{number}/comments")
  @Operation(
      summary = "Add a comment (the caller sees it) or, for agents, an internal work note",
      description =
          "Body: {\"text\": \"...\", \"internal\": true|false}. With an Idempotency-Key header a"
              + " repeat of the same key answers the first entry and adds nothing.")
  ResponseEntity<JournalEntry> comment(
      @PathVariable final String number,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final Incident incident = access.find(viewer, number);
    final JsonRequest request = JsonRequest.of(body, COMMENT_FIELDS);
    final boolean internal = request.flag("internal");
    if (internal) {
      requireAgent(viewer);
    }
    final String text = request.text("text");
    final long id =
        journal.add(
            incident,
            internal ? JournalKind.WORK_NOTE : JournalKind.COMMENT,
            text,
            viewer.username(),
            key);
    final JournalEntry entry =
        records.journal(incident.id(), viewer.worksTickets()).stream()
            .filter(added -> added.id() == id)
            .findFirst()
            .orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED).body(entry);
  }

  @PostMapping("/{number}/resolution")
  @Operation(
      summary = "Resolve the incident",
      description =
          "Completes its open \"Resolve incident\" task with outcome resolve, validated by the"
              + " task's form (resolutionCode, resolutionNotes, optional workNote); the process"
              + " then asks the caller to confirm.")
  ResponseEntity<Void> resolve(
      @PathVariable final String number, @RequestBody final Map<String, Object> body) {
    final Viewer viewer = viewer();
    requireAgent(viewer);
    final Incident incident = access.find(viewer, number);
    final JsonRequest request = JsonRequest.ofText(body, RESOLUTION_FIELDS);
    final UserTask task =
        incident.processInstanceKey() == null
            ? null
            : inbox.openTaskOf(viewer, incident.processInstanceKey()).orElse(null);
    if (task == null) {
      throw new IllegalStateException(
          incident.number()
              + " has no open task for you to resolve it (it is "
              + incident.state()
              + ").");
    }
    final MultiValueMap<String, String> post = new LinkedMultiValueMap<>();
    post.add("outcome", "resolve");
    request
        .values()
        .forEach((field, value) -> post.add(field, value == null ? "" : value.toString()));
    final Map<String, Object> variables = inbox.variables(task.getUserTaskKey());
    Map<String, Object> completion = request.values();
    final FormSchema form = inbox.form(task).orElse(null);
    if (form != null) {
      final FormSubmission submission = validator.validate(form, variables, post);
      if (submission instanceof FormSubmission.Invalid invalid) {
        throw new InvalidRequestException("The resolution is incomplete.", invalid.errors());
      }
      completion = ((FormSubmission.Valid) submission).variables();
    }
    inbox.complete(viewer, task.getUserTaskKey(), completion);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/{number}/confirmation")
  @Operation(summary = "The caller confirms the resolution; the incident closes")
  ResponseEntity<Void> confirm(
      @PathVariable final String number,
      @RequestBody(required = false) final Map<String, Object> body) {
    return answer(number, body, CallerResponses.Decision.CONFIRM);
  }

  @PostMapping("/{number}/reopening")
  @Operation(summary = "The caller reopens the resolved incident; it goes back to the agents")
  ResponseEntity<Void> reopen(
      @PathVariable final String number,
      @RequestBody(required = false) final Map<String, Object> body) {
    return answer(number, body, CallerResponses.Decision.REOPEN);
  }

  private ResponseEntity<Void> answer(
      final String number,
      final Map<String, Object> body,
      final CallerResponses.Decision decision) {
    final Viewer viewer = viewer();
    final Incident incident = access.find(viewer, number);
    final JsonRequest request = JsonRequest.ofText(body == null ? Map.of() : body, ANSWER_FIELDS);
    responses.respond(viewer, incident, decision, request.text("comment"));
    return ResponseEntity.accepted().build();
  }

  private static Sort sort(final String sort) {
    final String[] parts = sort.split(",");
    final Sort.Direction direction =
        parts.length > 1 && "asc".equalsIgnoreCase(parts[1].strip())
            ? Sort.Direction.ASC
            : Sort.Direction.DESC;
    return Sort.by(direction, parts[0].strip());
  }

  private static void requireAgent(final Viewer viewer) {
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " is not an agent");
    }
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
