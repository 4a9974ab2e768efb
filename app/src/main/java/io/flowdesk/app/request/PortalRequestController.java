package io.flowdesk.app.request;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestStage;
import io.flowdesk.domain.request.RequestState;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A request's page in the portal for whoever it concerns (its requester, or the person it was
 * ordered for): stage bar, answers (read-only), history with comments, files, a comment form and
 * cancel while it is not yet fulfilled. Agents may open it too; work notes never show here.
 */
@Controller
@RequestMapping("/portal/requests/{number:REQ[0-9]+}")
@PreAuthorize("isAuthenticated()")
class PortalRequestController {

  private final RequestAccess access;
  private final RequestTimeline timeline;
  private final RequestCommands commands;
  private final RequestRecords records;
  private final JournalPosting journal;
  private final Viewers viewers;

  PortalRequestController(
      final RequestAccess access,
      final RequestTimeline timeline,
      final RequestCommands commands,
      final RequestRecords records,
      final JournalPosting journal,
      final Viewers viewers) {
    this.access = access;
    this.timeline = timeline;
    this.commands = commands;
    this.records = records;
    this.journal = journal;
    this.viewers = viewers;
  }

  /** One step of the stage bar. */
  record Step(String label, boolean done, boolean current) {}

  @GetMapping
  String show(@PathVariable final String number, final Model model) {
    final Request request = find(viewer(), number);
    model.addAttribute("request", request);
    model.addAttribute("steps", steps(request));
    model.addAttribute("answers", RequestAnswers.lines(request.answers()));
    model.addAttribute("timeline", timeline.of(request, false));
    model.addAttribute("attachments", records.attachments(request.id()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    return "portal/service-request";
  }

  @PostMapping("/comments")
  String comment(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Request request = find(viewer, number);
    journal.fromCallersForm(access.ref(request), text, once, viewer.username(), redirect);
    return "redirect:/portal/requests/" + request.number();
  }

  @PostMapping("/cancellation")
  String cancel(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String reason,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Request request = find(viewer, number);
    try {
      commands.cancel(viewer, request, reason);
      redirect.addFlashAttribute("flash", request.number() + " is canceled.");
    } catch (TransitionRefusedException tooLate) {
      redirect.addFlashAttribute(
          "problem",
          request.number()
              + " is "
              + request.state().label().toLowerCase(java.util.Locale.ROOT)
              + " and can no longer be canceled.");
    }
    return "redirect:/portal/requests/" + request.number();
  }

  @PostMapping("/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Viewer viewer = viewer();
    final Request request = find(viewer, number);
    RecordFiles.attach(access.ref(request), viewer.username(), file, redirect);
    return "redirect:/portal/requests/" + request.number();
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(find(viewer(), number)), id);
  }

  private static List<Step> steps(final Request request) {
    final RequestStage now = request.stage();
    // A rejected or canceled request closes without its fulfilment: that stage is not shown done.
    final boolean unfulfilled =
        request.state() == RequestState.REJECTED || request.state() == RequestState.CANCELED;
    return java.util.Arrays.stream(RequestStage.values())
        .map(
            stage ->
                new Step(
                    stage.label(),
                    stage.ordinal() < now.ordinal()
                        && !(unfulfilled && stage == RequestStage.FULFILMENT),
                    stage == now))
        .toList();
  }

  private Request find(final Viewer viewer, final String number) {
    return access.findForPage(viewer, number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
