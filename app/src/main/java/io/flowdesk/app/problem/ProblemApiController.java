package io.flowdesk.app.problem;

import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.record.PageOf;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.record.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The problem REST API: the same checks, records and permissions as the problem pages (agents,
 * managers and administrators; 403 for everyone else, on every endpoint). Errors are RFC 9457
 * problem documents ({@link ProblemApiProblems}).
 */
@RestController
@Tag(name = "Problems", description = "Raise problems, link their incidents, follow them")
class ProblemApiController {

  static final int MAX_PAGE_SIZE = 200;
  private static final Map<String, Class<?>> RAISE_FIELDS = raiseFields();
  private static final Map<String, Class<?>> LINK_FIELDS = Map.of("incident", String.class);

  private final ProblemDrafts drafts;
  private final ProblemRaising raising;
  private final ProblemRecords records;
  private final ProblemAccess access;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;

  ProblemApiController(
      final ProblemDrafts drafts,
      final ProblemRaising raising,
      final ProblemRecords records,
      final ProblemAccess access,
      final Viewers viewers,
      final IdempotencyKeys onceOnly) {
    this.drafts = drafts;
    this.raising = raising;
    this.records = records;
    this.access = access;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
  }

  private static Map<String, Class<?>> raiseFields() {
    final Map<String, Class<?>> fields = new LinkedHashMap<>();
    for (final String text :
        List.of("summary", "description", "category", "assignmentGroup", "priority")) {
      fields.put(text, String.class);
    }
    fields.put("affectedCis", List.class);
    fields.put("incidents", List.class);
    return Map.copyOf(fields);
  }

  /** A problem as the API shows it (the journal's work notes never). */
  record ProblemResource(
      String number,
      String summary,
      String description,
      String category,
      String state,
      String priority,
      boolean proposed,
      String assignmentGroup,
      String assignee,
      List<String> affectedCis,
      String cause,
      String causeCode,
      boolean knownError,
      Instant knownErrorSince,
      String workaround,
      List<String> incidents,
      List<String> changes,
      String raisedBy,
      Instant createdAt,
      Instant updatedAt) {
    static ProblemResource of(final Problem problem) {
      return new ProblemResource(
          problem.number(),
          problem.shortDescription(),
          problem.description(),
          problem.category(),
          problem.state().name(),
          problem.priority().name(),
          problem.proposed(),
          problem.assignmentGroup(),
          problem.assignee(),
          problem.affectedCis().stream().map(AffectedCi::name).toList(),
          problem.cause(),
          problem.causeCode(),
          problem.knownError(),
          problem.knownErrorSince(),
          problem.workaround(),
          problem.incidents(),
          problem.changes(),
          problem.raisedBy(),
          problem.createdAt(),
          problem.updatedAt());
    }
  }

  @PostMapping("/api/problems")
  @Operation(
      summary = "Raise a problem",
      description =
          "Body {\"summary\", \"description\", \"category\", \"affectedCis\": [CMDB CI ids (or"
              + " exact CI names)], \"assignmentGroup\", \"priority\": P1..P5, \"incidents\":"
              + " [numbers of incidents you may see]}. 400 naming each field that is wrong."
              + " Records the problem, starts its process and answers 201 with the problem. With"
              + " an Idempotency-Key header a repeat of the same key (within 24 hours) answers the"
              + " first problem. Agents, managers and administrators only.")
  ResponseEntity<ProblemResource> raise(
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = access.requireProblemWorker(viewer());
    final JsonRequest request = JsonRequest.of(body, RAISE_FIELDS);
    final List<String> cis = request.texts("affectedCis", "CI ids");
    final ProblemDrafts.Checked checked =
        drafts.check(
            new ProblemDraft(
                request.text("summary"),
                request.text("description"),
                request.text("category"),
                cis,
                List.of(),
                request.text("assignmentGroup"),
                request.text("priority") == null ? "P3" : request.text("priority"),
                request.texts("incidents", "incident numbers")),
            viewer);
    if (!checked.valid()) {
      throw new InvalidRequestException("The problem is not complete.", checked.problems());
    }
    final String number =
        onceOnly.once(
            viewer.username(),
            IdempotencyKeys.PROBLEMS,
            key,
            () -> raising.raise(checked.problem()).number());
    final Problem problem = access.find(viewer, number);
    return ResponseEntity.created(URI.create("/api/problems/" + problem.number()))
        .body(ProblemResource.of(problem));
  }

  @GetMapping("/api/problems")
  @Operation(
      summary = "Problems, newest first",
      description =
          "Filters: state (any of them: NEW, ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS,"
              + " RESOLVED, CLOSED, CANCELED), assignmentGroup, knownError=true (known errors"
              + " only), proposed=true (proposed by the recurring-incident detection only). Agents,"
              + " managers and administrators only.")
  PageOf<ProblemResource> list(
      @RequestParam(required = false) final Set<ProblemState> state,
      @RequestParam(required = false) final String assignmentGroup,
      @RequestParam(defaultValue = "false") final boolean knownError,
      @RequestParam(defaultValue = "false") final boolean proposed,
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "25") final int size) {
    access.requireProblemWorker(viewer());
    final Page<Problem> found =
        records.search(
            state == null ? Set.of() : state,
            assignmentGroup,
            knownError,
            proposed,
            PageRequest.of(
                PageNumbers.within(page),
                Math.max(1, Math.min(size, MAX_PAGE_SIZE)),
                Sort.by(Sort.Direction.DESC, "createdAt")));
    return PageOf.of(found, found.map(ProblemResource::of).getContent());
  }

  @GetMapping("/api/problems/{number}")
  @Operation(summary = "One problem, with its comments (never internal work notes)")
  Map<String, Object> get(@PathVariable final String number) {
    final Problem problem = access.find(access.requireProblemWorker(viewer()), number);
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("problem", ProblemResource.of(problem));
    answer.put(
        "comments",
        records.journal(problem.id(), false).stream()
            .map(
                e ->
                    Map.of(
                        "id",
                        e.id(),
                        "author",
                        e.author(),
                        "text",
                        e.text(),
                        "createdAt",
                        e.createdAt()))
            .toList());
    return answer;
  }

  @PostMapping("/api/problems/{number}/incidents")
  @Operation(
      summary = "Link an incident to the problem",
      description =
          "Body {\"incident\": \"INC…\"}, an incident you may see; linking it again changes"
              + " nothing. Answers the problem.")
  ProblemResource link(
      @PathVariable final String number,
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = access.requireProblemWorker(viewer());
    final Problem problem = access.find(viewer, number);
    final JsonRequest request = JsonRequest.of(body, LINK_FIELDS);
    final Map<String, String> errors = new HashMap<>();
    final String incident = request.text("incident");
    if (incident == null || incident.isBlank()) {
      errors.put("incident", "is required: an incident number (INC…)");
    } else {
      drafts.incidents(List.of(incident), viewer, errors);
      if (errors.containsKey("incidents")) {
        errors.put("incident", errors.remove("incidents"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The incident cannot be linked.", errors);
    }
    return ProblemResource.of(
        records.linkIncident(problem.id(), incident.strip(), Actor.person(viewer.username())));
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
