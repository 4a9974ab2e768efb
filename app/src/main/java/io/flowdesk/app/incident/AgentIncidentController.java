package io.flowdesk.app.incident;

import io.flowdesk.app.diagram.ProcessDiagrams;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.Downloads;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.incident.Attachment;
import io.flowdesk.domain.incident.AuditEntry;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * The agents' incident record page: fields, SLA clocks, journal with work notes, audit trail,
 * attachments and the process instance's diagram; adding comments and work notes, attaching files
 * and taking the incident off hold.
 */
@Controller
@RequestMapping("/incidents")
class AgentIncidentController {

  static final int MAX_JOURNAL_TEXT = 10_000;

  private final IncidentRecords records;
  private final IncidentAccess access;
  private final IncidentTimeline timeline;
  private final HoldResumption holds;
  private final ProcessDiagrams diagrams;
  private final Viewers viewers;
  private final IncidentJournal journal;

  AgentIncidentController(
      final IncidentRecords records,
      final IncidentAccess access,
      final IncidentTimeline timeline,
      final HoldResumption holds,
      final ProcessDiagrams diagrams,
      final Viewers viewers,
      final IncidentJournal journal) {
    this.records = records;
    this.access = access;
    this.timeline = timeline;
    this.holds = holds;
    this.diagrams = diagrams;
    this.viewers = viewers;
    this.journal = journal;
  }

  @GetMapping("/{number}")
  String show(@PathVariable final String number, final Model model) {
    final Incident incident = find(number);
    model.addAttribute("incident", incident);
    model.addAttribute("slaClocks", SlaClock.of(incident, Instant.now()));
    final List<AuditEntry> auditTrail = records.auditTrail(incident.id());
    model.addAttribute("timeline", timeline.of(incident, true, auditTrail));
    model.addAttribute("auditTrail", auditTrail);
    model.addAttribute("attachments", records.attachments(incident.id()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    model.addAttribute(
        "diagram",
        incident.processInstanceKey() == null
            ? null
            : diagrams.of(incident.processInstanceKey()).orElse(null));
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
    } else if (text.length() > MAX_JOURNAL_TEXT) {
      redirect.addFlashAttribute(
          "problem", "A journal entry may have at most " + MAX_JOURNAL_TEXT + " characters.");
    } else {
      final String username = viewer().username();
      journal.add(incident, journalKind, text.strip(), username, once);
      redirect.addFlashAttribute(
          "flash",
          journalKind == JournalKind.COMMENT
              ? "Comment added; the caller sees it."
              : "Work note added.");
    }
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
    if (file.isEmpty()) {
      redirect.addFlashAttribute("problem", "Choose a file to attach.");
      return "redirect:/incidents/" + incident.number();
    }
    try (InputStream content = file.getInputStream()) {
      final Attachment attached =
          records.attach(
              incident.id(),
              file.getOriginalFilename(),
              file.getContentType(),
              content,
              ChangeSource.person(viewer().username()));
      redirect.addFlashAttribute("flash", "Attached " + attached.fileName() + ".");
    } catch (IllegalArgumentException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/incidents/" + incident.number();
  }

  @GetMapping("/{number}/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    final Incident incident = find(number);
    final Attachment attachment =
        records.attachments(incident.id()).stream()
            .filter(a -> a.id() == id)
            .findFirst()
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + id));
    final byte[] content =
        records
            .attachmentContent(incident.id(), id)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + id));
    return Downloads.attachment(attachment.fileName(), content);
  }

  private Incident find(final String number) {
    final Viewer viewer = viewer();
    try {
      return access.find(viewer, number);
    } catch (IncidentNotFoundException notFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + number);
    }
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
