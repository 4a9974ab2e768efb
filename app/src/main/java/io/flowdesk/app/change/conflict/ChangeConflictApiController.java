package io.flowdesk.app.change.conflict;

import io.flowdesk.app.change.ChangeAccess;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.conflict.BlackoutWindow;
import io.flowdesk.domain.change.conflict.ChangeConflict;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.change.conflict.ChangeRescheduling;
import io.flowdesk.domain.record.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change's conflicts, its planning (window and CIs) and the blackout windows over REST, with the
 * change pages' permissions: agents, managers and administrators read; the change's assignment
 * group, change managers and administrators plan; change managers and administrators keep
 * blackouts. Errors are problem documents ({@link ChangeConflictApiProblems}).
 */
@RestController
@Tag(name = "Change conflicts", description = "Conflicts, planning and blackout windows of changes")
class ChangeConflictApiController {

  private static final Map<String, Class<?>> PLAN_FIELDS =
      Map.of("plannedStart", String.class, "plannedEnd", String.class, "affectedCis", List.class);

  private final ChangeAccess access;
  private final ChangeConflicts conflicts;
  private final ChangePlanning planning;
  private final Blackouts blackouts;
  private final Viewers viewers;

  ChangeConflictApiController(
      final ChangeAccess access,
      final ChangeConflicts conflicts,
      final ChangePlanning planning,
      final Blackouts blackouts,
      final Viewers viewers) {
    this.access = access;
    this.conflicts = conflicts;
    this.planning = planning;
    this.blackouts = blackouts;
    this.viewers = viewers;
  }

  /** A conflict as the API shows it. */
  record ConflictResource(
      String rule,
      String detail,
      String ci,
      UUID ciId,
      UUID relatedCiId,
      String otherChange,
      Long blackoutId,
      Instant detectedAt,
      boolean open,
      String overriddenBy,
      Instant overriddenAt,
      String overrideReason) {
    static ConflictResource of(final ChangeConflict conflict) {
      return new ConflictResource(
          conflict.rule().name(),
          conflict.detail(),
          conflict.ciName(),
          conflict.ciId(),
          conflict.relatedCiId(),
          conflict.otherChange(),
          conflict.blackoutId(),
          conflict.detectedAt(),
          conflict.open(),
          conflict.overriddenBy(),
          conflict.overriddenAt(),
          conflict.overrideReason());
    }

    static List<ConflictResource> of(final List<ChangeConflict> conflicts) {
      return conflicts.stream().map(ConflictResource::of).toList();
    }
  }

  /** A blackout window as the API shows it. */
  record BlackoutResource(
      long id, String name, String scope, UUID ciId, Instant start, Instant end) {
    static BlackoutResource of(final BlackoutWindow window) {
      return new BlackoutResource(
          window.id(),
          window.name(),
          window.scope().name(),
          window.ciId(),
          window.start(),
          window.end());
    }
  }

  @GetMapping("/api/changes/{number}/conflicts")
  @Operation(
      summary = "A change's stored conflicts",
      description =
          "As the last check found them: rule (SAME_CI, PARENT_CI, CHILD_CI, MAINTENANCE_WINDOW,"
              + " BLACKOUT, IMPLEMENTER), detail, the CI, the other change or blackout window,"
              + " when detected, and whether (by whom, why) it was overridden.")
  List<ConflictResource> conflicts(@PathVariable final String number) {
    return ConflictResource.of(conflicts.of(change(number).id()));
  }

  @PostMapping("/api/changes/{number}/conflicts")
  @Operation(
      summary = "Check a change's conflicts again",
      description =
          "Detects the change's conflicts now, stores them in place of the last check's (an"
              + " override stays on a conflict found again) and answers them.")
  List<ConflictResource> check(@PathVariable final String number) {
    final Change change = change(number);
    return ConflictResource.of(conflicts.detect(change.id(), Actor.person(viewer().username())));
  }

  @PatchMapping("/api/changes/{number}")
  @Operation(
      summary = "Plan a change: move its window, change its CIs",
      description =
          "Body {\"plannedStart\", \"plannedEnd\" (ISO-8601 with offset), \"affectedCis\": [CMDB"
              + " ids]}; a field left out keeps its value. While the change is New, Assess or"
              + " Authorize (409 later); its assignment group, change managers and administrators"
              + " only (403). 400 naming each wrong field (an end before the start, an id the CMDB"
              + " does not have); nothing is written then. Checks the conflicts again and answers"
              + " the change's window, CIs and conflicts.")
  Map<String, Object> plan(
      @PathVariable final String number,
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = viewer();
    final Change change = change(number);
    planning.requirePlanner(viewer, change);
    final JsonRequest request = JsonRequest.of(body, PLAN_FIELDS);
    final Map<String, Object> given = request.values();
    final ChangePlanning.Planned planned =
        planning.reschedule(
            viewer,
            change,
            given.containsKey("plannedStart")
                ? request.text("plannedStart")
                : change.plannedStart().toString(),
            given.containsKey("plannedEnd")
                ? request.text("plannedEnd")
                : change.plannedEnd().toString(),
            given.containsKey("affectedCis")
                ? ids(given.get("affectedCis"))
                : change.affectedCis().stream().map(ci -> ci.ciId().toString()).toList(),
            List.of());
    if (!planned.done()) {
      throw new InvalidRequestException("The change cannot be planned so.", planned.problems());
    }
    return planResource(planned.result());
  }

  private static Map<String, Object> planResource(final ChangeRescheduling.Rescheduled result) {
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("number", result.change().number());
    answer.put("plannedStart", result.change().plannedStart());
    answer.put("plannedEnd", result.change().plannedEnd());
    answer.put(
        "affectedCis",
        result.change().affectedCis().stream()
            .map(ci -> Map.of("id", ci.ciId().toString(), "name", ci.name()))
            .toList());
    answer.put("conflicts", ConflictResource.of(result.conflicts()));
    return answer;
  }

  private static List<String> ids(final Object given) {
    if (given == null) {
      return List.of();
    }
    final List<?> list = (List<?>) given;
    if (!list.stream().allMatch(String.class::isInstance)) {
      throw new InvalidRequestException(
          "affectedCis must be a list of CI ids.", Map.of("affectedCis", "must be CI ids"));
    }
    return list.stream().map(String.class::cast).toList();
  }

  @GetMapping("/api/changes/blackouts")
  @Operation(
      summary = "Blackout windows",
      description = "Those not ended more than 30 days ago, earliest first.")
  List<Map<String, Object>> blackouts() {
    return blackouts.list(viewer()).stream()
        .map(
            listed -> {
              final Map<String, Object> row = new LinkedHashMap<>();
              row.put("blackout", BlackoutResource.of(listed.window()));
              row.put("ci", listed.ciName());
              row.put("createdBy", listed.createdBy());
              return row;
            })
        .toList();
  }

  @PostMapping("/api/changes/blackouts")
  @Operation(
      summary = "Create a blackout window",
      description =
          "Body {\"name\", \"scope\": GLOBAL|CI|SERVICE, \"ciId\" (the CI, or the business service"
              + " whose dependencies it covers; none for GLOBAL), \"start\", \"end\" (ISO-8601 with"
              + " offset)}. Change managers and administrators only. 400 naming each wrong field;"
              + " 201 with the window.")
  ResponseEntity<BlackoutResource> createBlackout(
      @RequestBody(required = false) final Map<String, Object> body) {
    final Viewer viewer = viewer();
    blackouts.requireKeeper(viewer);
    final JsonRequest request =
        JsonRequest.ofText(body, Set.of("name", "scope", "ciId", "start", "end"));
    final Blackouts.Created created =
        blackouts.create(
            viewer,
            new Blackouts.Draft(
                request.text("name"),
                request.text("scope"),
                request.text("ciId"),
                request.text("start"),
                request.text("end")));
    if (created.window() == null) {
      throw new InvalidRequestException("The blackout window is not valid.", created.problems());
    }
    return ResponseEntity.created(URI.create("/api/changes/blackouts/" + created.window().id()))
        .body(BlackoutResource.of(created.window()));
  }

  @DeleteMapping("/api/changes/blackouts/{id}")
  @Operation(
      summary = "Delete a blackout window",
      description = "204; 404 when there is none. Change managers and administrators only.")
  ResponseEntity<Void> deleteBlackout(@PathVariable final long id) {
    if (blackouts.delete(viewer(), id).isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "No blackout window has the id " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private Change change(final String number) {
    return access.find(access.requireChangeWorker(viewer()), number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
