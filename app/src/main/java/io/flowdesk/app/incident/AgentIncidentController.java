package io.flowdesk.app.incident;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.record.AuditEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
 * The agents' incident record page: fields, SLA clocks, journal with work notes, audit trail,
 * attachments and the process instance's diagram; adding comments and work notes, attaching files
 * and taking the incident off hold.
 */
@Controller
@RequestMapping("/incidents")
class AgentIncidentController {

  private final IncidentAccess access;
  private final IncidentTimeline timeline;
  private final HoldResumption holds;
  private final RecordPages pages;
  private final Viewers viewers;
  private final JournalPosting journal;
  private final ChangeRecords changes;

  AgentIncidentController(
      final IncidentAccess access,
      final IncidentTimeline timeline,
      final HoldResumption holds,
      final RecordPages pages,
      final Viewers viewers,
      final JournalPosting journal,
      final ChangeRecords changes) {
    this.access = access;
    this.timeline = timeline;
    this.holds = holds;
    this.pages = pages;
    this.viewers = viewers;
    this.journal = journal;
    this.changes = changes;
  }

  @GetMapping("/{number}")
  String show(@PathVariable final String number, final Model model) {
    final Incident incident = find(number);
    model.addAttribute("incident", incident);
    model.addAttribute("slaClocks", SlaClock.of(incident, Instant.now()));
    final List<AuditEntry> auditTrail =
        pages.agentsView(model, access.ref(incident), incident.processInstanceKey());
    model.addAttribute("timeline", timeline.of(incident, true, auditTrail));
    model.addAttribute("changes", changes.linkedTo(incident.number()));
    return "incidents/record";
  }

  @PostMapping("/{number}/journal")
  String addJournalEntry(
      @PathVariable final String number,
      @RequestParam(defaultValue = "work-note") final String kind,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    journal.fromAgentsForm(
        access.ref(incident), kind, text, once, viewer().username(), "the caller", redirect);
    return "redirect:/incidents/" + incident.number();
  }

  @PostMapping("/{number}/resume")
  String resume(@PathVariable final String number, final RedirectAttributes redirect) {
    final Incident incident = find(number);
    try {
      redirect.addFlashAttribute(
          "flash",
          holds.resume(incident)
              ? incident.number() + " is taken off hold; its task comes back."
              : "The incident was already taken off hold.");
    } catch (IllegalTransitionException notOnHold) {
      redirect.addFlashAttribute("problem", incident.number() + " is not on hold.");
    }
    return "redirect:/incidents/" + incident.number();
  }

  @PostMapping("/{number}/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Incident incident = find(number);
    RecordFiles.attach(access.ref(incident), viewer().username(), file, redirect);
    return "redirect:/incidents/" + incident.number();
  }

  @GetMapping("/{number}/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(find(number)), id);
  }

  private Incident find(final String number) {
    return access.findForPage(viewer(), number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
