package io.flowdesk.app.approval;

import io.flowdesk.app.record.JsonRequest;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approvals REST API: the signed-in person's open approvals and their decisions, through the
 * same {@link ApprovalDesk} as My approvals and the inbox (same checks, same records). Errors are
 * RFC 9457 problem documents ({@link ApprovalApiProblems}).
 */
@RestController
@RequestMapping("/api/approvals")
@Tag(name = "Approvals", description = "Approve or reject what waits for you")
class ApprovalApiController {

  private static final Set<String> DECISION_FIELDS =
      Set.of("decision", "comment", "overrideReason");

  private final ApprovalDesk desk;
  private final Viewers viewers;

  ApprovalApiController(final ApprovalDesk desk, final Viewers viewers) {
    this.desk = desk;
    this.viewers = viewers;
  }

  @GetMapping
  @Operation(
      summary = "My open approvals",
      description =
          "The approvals waiting for the signed-in person's decision (also those delegated or"
              + " escalated to them), oldest first.")
  List<ApprovalResource> mine() {
    return desk.open(viewer()).stream().map(open -> ApprovalResource.of(open.approval())).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One of my open approvals", description = "404 unless it waits for you.")
  ApprovalResource one(@PathVariable final long id) {
    return ApprovalResource.of(desk.awaiting(viewer(), id));
  }

  @PostMapping("/{id}")
  @Operation(
      summary = "Approve, reject or abstain",
      description =
          "Body {\"decision\": \"approve\" | \"reject\" | \"abstain\", \"comment\": \"...\"}; a"
              + " rejection and an abstention need a comment (400 otherwise). An abstention"
              + " completes your part and counts for neither side. Approving a normal change that"
              + " has open conflicts needs \"overrideReason\" (422 saying how many otherwise),"
              + " which is recorded on the change. Answers the approval with the decision"
              + " recorded; 404"
              + " when the approval does not wait for you (unknown, decided, or someone else's),"
              + " 409 when it was decided meanwhile.")
  ApprovalResource decide(
      @PathVariable final long id, @RequestBody final Map<String, Object> body) {
    final JsonRequest request = JsonRequest.ofText(body, DECISION_FIELDS);
    return ApprovalResource.of(
        desk.decide(
            viewer(),
            id,
            request.text("decision"),
            request.text("comment"),
            request.text("overrideReason")));
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("Sign in first."));
  }
}
