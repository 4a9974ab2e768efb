package io.flowdesk.app.change;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.IncidentRecords;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
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
 * The agents' change page, like the request and incident pages: fields, plans, state, risk and
 * close code, journal with work notes, audit trail, attachments and the process instance's diagram;
 * adding comments and work notes, attaching files.
 */
@Controller
@RequestMapping("/changes/{number:CHG[0-9]+}")
class AgentChangeController {

  private final ChangeAccess access;
  private final ChangeRecords records;
  private final ChangeTimeline timeline;
  private final JournalPosting journal;
  private final RecordPages pages;
  private final Viewers viewers;
  private final IncidentRecords incidents;

  AgentChangeController(
      final ChangeAccess access,
      final ChangeRecords records,
      final ChangeTimeline timeline,
      final JournalPosting journal,
      final RecordPages pages,
      final Viewers viewers,
      final IncidentRecords incidents) {
    this.access = access;
    this.records = records;
    this.timeline = timeline;
    this.journal = journal;
    this.pages = pages;
    this.viewers = viewers;
    this.incidents = incidents;
  }

  @GetMapping
  String show(@PathVariable final String number, final Model model) {
    final Change change = find(number);
    model.addAttribute("change", change);
    model.addAttribute("timeline", timeline.of(change));
    model.addAttribute(
        "cabOutcome", records.authorizationOf(change.id()).map(CabOutcome::of).orElse(null));
    model.addAttribute("possiblyCaused", incidents.cis().possiblyCausedBy(change.id()));
    pages.agentsView(model, access.ref(change), change.processInstanceKey());
    return "changes/record";
  }

  @PostMapping("/journal")
  String addJournalEntry(
      @PathVariable final String number,
      @RequestParam(defaultValue = "work-note") final String kind,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Change change = find(number);
    journal.fromAgentsForm(
        access.ref(change), kind, text, once, viewer().username(), "everyone on it", redirect);
    return "redirect:/changes/" + change.number();
  }

  @PostMapping("/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Change change = find(number);
    RecordFiles.attach(access.ref(change), viewer().username(), file, redirect);
    return "redirect:/changes/" + change.number();
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(find(number)), id);
  }

  private Change find(final String number) {
    return access.findForPage(access.requireChangeWorker(viewer()), number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
