package io.flowdesk.app.change;

import io.flowdesk.app.problem.ProblemFixes;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.record.PageOf;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemNotFoundException;
import io.flowdesk.domain.record.JournalEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * The change REST API: the same checks, records and permissions as the change pages (agents,
 * managers and administrators; 403 for everyone else, on every endpoint). Errors are RFC 9457
 * problem documents ({@link ChangeApiProblems}).
 */
@RestController
@Tag(name = "Changes", description = "Raise changes and follow them")
class ChangeApiController {

  static final int MAX_PAGE_SIZE = 200;
  private static final Map<String, Class<?>> RAISE_FIELDS = raiseFields();

  private final ChangeDrafts drafts;
  private final ChangeRaising raising;
  private final ChangeRecords records;
  private final ChangeAccess access;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;
  private final ProblemFixes fixes;

  ChangeApiController(
      final ChangeDrafts drafts,
      final ChangeRaising raising,
      final ChangeRecords records,
      final ChangeAccess access,
      final Viewers viewers,
      final IdempotencyKeys onceOnly,
      final ProblemFixes fixes) {
    this.fixes = fixes;
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
        List.of(
            "type",
            "template",
            "summary",
            "description",
            "plannedStart",
            "plannedEnd",
            "implementationPlan",
            "backoutPlan",
            "testPlan",
            "assignmentGroup",
            "problem")) {
      fields.put(text, String.class);
    }
    fields.put("affectedCis", List.class);
    fields.put("incidents", List.class);
    return Map.copyOf(fields);
  }

  /** A change as the API shows it. */
  record ChangeResource(
      String number,
      String type,
      String template,
      String summary,
      String description,
      String state,
      String risk,
      String authorization,
      String closeCode,
      String requestedBy,
      String assignmentGroup,
      String implementer,
      List<String> affectedCis,
      Instant plannedStart,
      Instant plannedEnd,
      String implementationPlan,
      String backoutPlan,
      String testPlan,
      List<String> incidents,
      Instant createdAt,
      Instant updatedAt) {
    static ChangeResource of(final Change change) {
      return new ChangeResource(
          change.number(),
          name(change.type()),
          change.templateId(),
          change.shortDescription(),
          change.description(),
          name(change.state()),
          name(change.risk()),
          name(change.authorization()),
          name(change.closeCode()),
          change.requestedBy(),
          change.assignmentGroup(),
          change.implementer(),
          change.affectedCis().stream().map(AffectedCi::name).toList(),
          change.plannedStart(),
          change.plannedEnd(),
          change.implementationPlan(),
          change.backoutPlan(),
          change.testPlan(),
          change.incidents(),
          change.createdAt(),
          change.updatedAt());
    }

    private static String name(final Enum<?> value) {
      return value == null ? null : value.name();
    }
  }

  /** A comment as the API shows it. */
  record CommentResource(long id, String author, String text, Instant createdAt) {
    static CommentResource of(final JournalEntry entry) {
      return new CommentResource(entry.id(), entry.author(), entry.text(), entry.createdAt());
    }
  }

  @PostMapping("/api/changes")
  @Operation(
      summary = "Raise a change",
      description =
          "Body {\"type\": standard|normal|emergency, \"template\": standard change template id"
              + " (standard only), \"summary\", \"description\", \"affectedCis\": [CMDB CI ids (or exact CI names)],"
              + " \"plannedStart\", \"plannedEnd\" (ISO-8601 with offset), \"implementationPlan\","
              + " \"backoutPlan\", \"testPlan\", \"assignmentGroup\", \"incidents\": [numbers of"
              + " incidents you may see], \"problem\": number of a problem you may see (the"
              + " change is its fix)}. A standard change takes what is left empty from its"
              + " template; emergency changes are raised by change managers only. The change is"
              + " linked to the incidents both ways. 400 naming each field that is wrong."
              + " Records the change, starts its type's process and answers 201 with the change."
              + " With an Idempotency-Key header a repeat of the same key (within 24 hours)"
              + " answers the first change. Agents, managers and administrators only.")
  ResponseEntity<ChangeResource> raise(
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) final String key,
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = access.requireChangeWorker(viewer());
    final JsonRequest request = JsonRequest.of(body, RAISE_FIELDS);
    final Problem fixed = problemToFix(viewer, request.text("problem"));
    final ChangeDrafts.Checked checked =
        drafts.check(
            new ChangeDraft(
                request.text("type"),
                request.text("template"),
                request.text("summary"),
                request.text("description"),
                request.texts("affectedCis", "CI ids"),
                request.text("plannedStart"),
                request.text("plannedEnd"),
                request.text("implementationPlan"),
                request.text("backoutPlan"),
                request.text("testPlan"),
                request.text("assignmentGroup"),
                request.texts("incidents", "incident numbers")),
            viewer);
    if (!checked.valid()) {
      throw new InvalidRequestException("The change is not complete.", checked.problems());
    }
    final String number =
        onceOnly.once(
            viewer.username(),
            IdempotencyKeys.CHANGES,
            key,
            () -> {
              final String raised = raising.raise(checked.change()).number();
              if (fixed != null) {
                fixes.fixedBy(viewer, fixed, raised);
              }
              return raised;
            });
    final Change change = access.find(viewer, number);
    return ResponseEntity.created(URI.create("/api/changes/" + change.number()))
        .body(ChangeResource.of(change));
  }

  // The problem the change fixes; one the raiser may not see reads as unknown, as incidents do.
  private Problem problemToFix(final Viewer viewer, final String number) {
    if (number == null || number.isBlank()) {
      return null;
    }
    try {
      return fixes.problemToFix(viewer, number.strip());
    } catch (ResponseStatusException | ProblemNotFoundException | AccessDeniedException unknown) {
      throw new InvalidRequestException(
          "The change is not complete.",
          Map.of("problem", "there is no problem " + number.strip() + " you may see"));
    }
  }

  @GetMapping("/api/changes")
  @Operation(
      summary = "Changes, newest first",
      description =
          "Filters: state (any of them, e.g. NEW, ASSESS), type (STANDARD, NORMAL, EMERGENCY),"
              + " assignmentGroup. Agents, managers and administrators only.")
  PageOf<ChangeResource> list(
      @RequestParam(required = false) final Set<ChangeState> state,
      @RequestParam(required = false) final ChangeType type,
      @RequestParam(required = false) final String assignmentGroup,
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "25") final int size) {
    access.requireChangeWorker(viewer());
    final Page<Change> found =
        records.search(
            state == null ? Set.of() : state,
            type,
            assignmentGroup,
            PageRequest.of(
                PageNumbers.within(page),
                Math.max(1, Math.min(size, MAX_PAGE_SIZE)),
                Sort.by(Sort.Direction.DESC, "createdAt")));
    return PageOf.of(found, found.map(ChangeResource::of).getContent());
  }

  @GetMapping("/api/changes/{number}")
  @Operation(
      summary = "One change, with its authorization and comments (never internal work notes)",
      description =
          "authorization is null until the change was authorized; then {authority, outcome,"
              + " quorum (approvals the CAB required, null for the change manager), approved,"
              + " rejected, abstained, votes: [{approver, decision: approved|rejected|abstained,"
              + " comment, decidedAt, delegatedFrom}], recordedAt}.")
  Map<String, Object> get(@PathVariable final String number) {
    final Change change = access.find(access.requireChangeWorker(viewer()), number);
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("change", ChangeResource.of(change));
    answer.put(
        "authorization", records.authorizationOf(change.id()).map(CabOutcome::of).orElse(null));
    answer.put(
        "comments", records.journal(change.id(), false).stream().map(CommentResource::of).toList());
    return answer;
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
