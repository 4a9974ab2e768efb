package io.flowdesk.app.request;

import io.flowdesk.app.diagram.ProcessDiagrams;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestNotFoundException;
import io.flowdesk.domain.request.RequestRecords;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
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
  private final RequestRecords records;
  private final RequestTimeline timeline;
  private final RequestCommands commands;
  private final RequestFiles files;
  private final ProcessDiagrams diagrams;
  private final Viewers viewers;
  private final RequestAnswers answers;

  AgentRequestController(
      final RequestAccess access,
      final RequestRecords records,
      final RequestTimeline timeline,
      final RequestCommands commands,
      final RequestFiles files,
      final ProcessDiagrams diagrams,
      final Viewers viewers,
      final RequestAnswers answers) {
    this.access = access;
    this.records = records;
    this.timeline = timeline;
    this.commands = commands;
    this.files = files;
    this.diagrams = diagrams;
    this.viewers = viewers;
    this.answers = answers;
  }

  @GetMapping
  String show(@PathVariable final String number, final Model model) {
    final Request request = find(number);
    model.addAttribute("request", request);
    model.addAttribute("answers", answers.of(request));
    model.addAttribute("timeline", timeline.of(request, true));
    model.addAttribute("auditTrail", records.auditTrail(request.id()));
    model.addAttribute("attachments", records.attachments(request.id()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    model.addAttribute(
        "diagram",
        request.processInstanceKey() == null
            ? null
            : diagrams.of(request.processInstanceKey()).orElse(null));
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
    final JournalKind journalKind =
        switch (kind) {
          case "comment" -> JournalKind.COMMENT;
          case "work-note" -> JournalKind.WORK_NOTE;
          default ->
              throw new ResponseStatusException(
                  HttpStatus.BAD_REQUEST, "kind must be comment or work-note");
        };
    if (text.isBlank()) {
      redirect.addFlashAttribute("problem", "Please write something before adding it.");
    } else if (text.length() > PortalRequestController.MAX_COMMENT) {
      redirect.addFlashAttribute(
          "problem",
          "A journal entry may have at most "
              + PortalRequestController.MAX_COMMENT
              + " characters.");
      redirect.addFlashAttribute("journalText", text);
    } else {
      commands.comment(viewer(), request, journalKind, text.strip(), once);
      redirect.addFlashAttribute(
          "flash",
          journalKind == JournalKind.COMMENT
              ? "Comment added; the requester sees it."
              : "Work note added.");
    }
    return "redirect:/requests/" + request.number();
  }

  @PostMapping("/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Request request = find(number);
    files.attach(viewer(), request, file, redirect);
    return "redirect:/requests/" + request.number();
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return files.download(find(number), id);
  }

  private Request find(final String number) {
    final Viewer viewer = viewer();
    // The URL rule lets only agents, managers and admins in; this keeps it so if the rule moves.
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " does not work requests");
    }
    try {
      return access.find(viewer, number);
    } catch (RequestNotFoundException notFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + number);
    }
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
