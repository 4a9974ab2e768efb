package io.flowdesk.app.change.calendar;

import io.flowdesk.app.approval.ApprovalDesk;
import io.flowdesk.app.approval.ApprovalTask;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The CAB view {@code /changes/cab}: the changes awaiting the CAB, with a link to vote for the
 * member whose vote is still open (in My approvals, where approve, reject and abstain are).
 */
@Controller
class CabController {

  private final CabAgenda agenda;
  private final CalendarAccess access;
  private final ApprovalDesk desk;
  private final Viewers viewers;

  CabController(
      final CabAgenda agenda,
      final CalendarAccess access,
      final ApprovalDesk desk,
      final Viewers viewers) {
    this.agenda = agenda;
    this.access = access;
    this.desk = desk;
    this.viewers = viewers;
  }

  @GetMapping("/changes/cab")
  String show(final Model model) {
    final Viewer viewer = access.requireCab(viewers.current().orElseThrow());
    final Set<Long> mine =
        desk.open(viewer).stream()
            .map(ApprovalTask::approval)
            .map(approval -> approval.id())
            .collect(Collectors.toSet());
    model.addAttribute("items", agenda.awaiting());
    model.addAttribute("mine", mine);
    return "changes/cab";
  }
}
