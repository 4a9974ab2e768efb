package io.flowdesk.app.request;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.request.Request;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
 * The agents' request page, like the incident record page: fields, the answers, journal with work
 * notes, audit trail, attachments and the process instance's diagram; adding comments (the
 * requester reads them) and work notes (they never leave the agents' views), attaching files.
 */
@Controller
@RequestMapping("/requests/{number:REQ[0-9]+}")
class AgentRequestController {

  private final RequestAccess access;
  private final RequestTimeline timeline;
  private final JournalPosting journal;
  private final RecordPages pages;
  private final Viewers viewers;

  AgentRequestController(
      final RequestAccess access,
      final RequestTimeline timeline,
      final JournalPosting journal,
      final RecordPages pages,
      final Viewers viewers) {
    this.access = access;
    this.timeline = timeline;
    this.journal = journal;
    this.pages = pages;
    this.viewers = viewers;
  }

  @GetMapping
  String show(@PathVariable final String number, final Model model) {
    final Request request = find(number);
    model.addAttribute("request", request);
    model.addAttribute("answers", RequestAnswers.lines(request.answers()));
    model.addAttribute("timeline", timeline.of(request, true));
    pages.agentsView(model, access.ref(request), request.processInstanceKey());
    return "requests/record";
  }

  @PostMapping("/journal")
  String addJournalEntry(
      @PathVariable final String number,
      @RequestParam(defaultValue = "work-note") final String kind,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Request request = find(number);
    journal.fromAgentsForm(
        access.ref(request), kind, text, once, viewer().username(), "the requester", redirect);
    return "redirect:/requests/" + request.number();
  }

  @PostMapping("/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Request request = find(number);
    RecordFiles.attach(access.ref(request), viewer().username(), file, redirect);
    return "redirect:/requests/" + request.number();
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(find(number)), id);
  }

  private Request find(final String number) {
    final Viewer viewer = viewer();
    // The URL rule lets only agents, managers and admins in; this keeps it so if the rule moves.
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " does not work requests");
    }
    return access.findForPage(viewer, number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
