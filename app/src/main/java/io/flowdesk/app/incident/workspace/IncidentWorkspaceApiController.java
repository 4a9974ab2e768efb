package io.flowdesk.app.incident.workspace;

import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.incident.Incident;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's transfer and major-incident flag over the incident API, with the pages' checks;
 * errors are problem+json ({@link WorkspaceApiProblems}).
 */
@RestController
@RequestMapping("/api/incidents/{number}")
class IncidentWorkspaceApiController {

  private final IncidentAccess access;
  private final Viewers viewers;
  private final IncidentTransfer transfer;
  private final MajorIncidentDesk major;

  IncidentWorkspaceApiController(
      final IncidentAccess access,
      final Viewers viewers,
      final IncidentTransfer transfer,
      final MajorIncidentDesk major) {
    this.access = access;
    this.viewers = viewers;
    this.transfer = transfer;
    this.major = major;
  }

  @PostMapping("/transfer")
  @Operation(
      summary = "Transfer the incident to another assignment group",
      description =
          "{\"group\": \"network-team\", \"reason\": \"...\"}: the reason becomes a work note, the"
              + " assignee is cleared and the open task is offered to the new group.")
  Map<String, Object> transfer(
      @PathVariable final String number, @RequestBody final Map<String, Object> body) {
    final Viewer viewer = agent();
    final Incident incident = access.find(viewer, number);
    final JsonRequest request = JsonRequest.ofText(body, Set.of("group", "reason"));
    final Incident moved =
        refusedAsProblem(
            () ->
                transfer.transfer(
                    incident, request.text("group"), request.text("reason"), viewer.username()),
            Map.of("transferReason", "reason"));
    return Map.of("number", moved.number(), "assignmentGroup", moved.assignmentGroup());
  }

  @PostMapping("/major")
  @Operation(
      summary = "Flag the incident as a major incident",
      description = "{\"reason\": \"...\"}: audited and kept as a work note.")
  Map<String, Object> flagMajor(
      @PathVariable final String number, @RequestBody final Map<String, Object> body) {
    final Viewer viewer = agent();
    final Incident incident = access.find(viewer, number);
    final JsonRequest request = JsonRequest.ofText(body, Set.of("reason"));
    refusedAsProblem(
        () -> {
          major.flag(incident, request.text("reason"), viewer.username());
          return incident;
        },
        Map.of("majorReason", "reason"));
    return Map.of("number", incident.number(), "major", true);
  }

  /** Runs {@code change}; a refusal is a 400 naming the API's fields (form fields renamed). */
  private static <T> T refusedAsProblem(
      final Supplier<T> change, final Map<String, String> apiNames) {
    try {
      return change.get();
    } catch (WorkspaceInputException refused) {
      final Map<String, String> errors = new java.util.LinkedHashMap<>();
      refused
          .problems()
          .forEach((field, problem) -> errors.put(apiNames.getOrDefault(field, field), problem));
      throw new InvalidRequestException(
          "Nothing was changed: " + refused.getMessage() + ".", errors);
    }
  }

  private Viewer agent() {
    final Viewer viewer =
        viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " is not an agent");
    }
    return viewer;
  }
}
