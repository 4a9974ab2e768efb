package io.flowdesk.app.incident;

import io.flowdesk.app.cmdb.CiChoices;
import io.flowdesk.app.cmdb.ImpactedServices;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.forms.Pickers;
import io.flowdesk.app.incident.workspace.IncidentWorkspaceView;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.alert.MonitoringAlerts;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.LinkedCi;
import io.flowdesk.domain.incident.PossibleCause;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
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
 * attachments and the process instance's diagram; the linked configuration items with the business
 * services and applications they impact, and the changes that possibly caused the incident; adding
 * comments and work notes, attaching files, setting the CI and taking the incident off hold.
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
  private final ProblemRecords problems;
  private final MonitoringAlerts alerts;
  private final IncidentRecords records;
  private final CiChoices ciChoices;
  private final ImpactedServices impactedServices;
  private final ServiceLevels serviceLevels;
  private final KnowledgeArticles articles;
  private final IncidentWorkspaceView workspace;

  AgentIncidentController(
      final IncidentAccess access,
      final IncidentTimeline timeline,
      final HoldResumption holds,
      final RecordPages pages,
      final Viewers viewers,
      final JournalPosting journal,
      final ChangeRecords changes,
      final ProblemRecords problems,
      final MonitoringAlerts alerts,
      final IncidentRecords records,
      final CiChoices ciChoices,
      final ImpactedServices impactedServices,
      final ServiceLevels serviceLevels,
      final KnowledgeArticles articles,
      final IncidentWorkspaceView workspace) {
    this.access = access;
    this.timeline = timeline;
    this.holds = holds;
    this.pages = pages;
    this.viewers = viewers;
    this.journal = journal;
    this.changes = changes;
    this.problems = problems;
    this.alerts = alerts;
    this.records = records;
    this.ciChoices = ciChoices;
    this.impactedServices = impactedServices;
    this.serviceLevels = serviceLevels;
    this.articles = articles;
    this.workspace = workspace;
  }

  @GetMapping("/{number}")
  String show(@PathVariable final String number, final Model model) {
    final Incident incident = find(number);
    model.addAttribute("incident", incident);
    final ServiceLevel level =
        incident.priority() == null ? null : serviceLevels.of(incident.priority());
    model.addAttribute("slaClocks", SlaClock.of(incident, Instant.now(), level));
    model.addAttribute("slaSchedule", level == null ? null : level.schedule().name());
    final List<AuditEntry> auditTrail =
        pages.agentsView(model, access.ref(incident), incident.processInstanceKey());
    model.addAttribute("timeline", timeline.of(incident, true, auditTrail));
    model.addAttribute("changes", changes.linkedTo(incident.number()));
    final List<LinkedCi> cis = records.cis().of(incident.id());
    model.addAttribute("cis", cis);
    model.addAttribute("problems", problems.linkedTo(incident.number()));
    model.addAttribute("articles", articles.linkedTo(incident.number()));
    // The known error database: the workaround of every known error linked to it or about one of
    // its CIs or its category.
    model.addAttribute(
        "knownErrors",
        problems.knownErrorsFor(
            incident.number(), cis.stream().map(LinkedCi::id).toList(), incident.category()));
    model.addAttribute(
        "impactedServices", impactedServices.of(cis.stream().map(LinkedCi::id).toList()));
    model.addAttribute("possibleCauses", records.cis().possibleCauses(incident.id()));
    model.addAttribute("alert", alerts.forIncident(incident.number()).orElse(null));
    workspace.addTo(model, incident);
    if (!model.containsAttribute("ciValue")) {
      model.addAttribute("ciValue", cis.isEmpty() ? "" : cis.get(0).name());
      model.addAttribute("ciChosen", cis.isEmpty() ? "" : cis.get(0).id().toString());
    }
    return "incidents/record";
  }

  /**
   * Sets the incident's configuration item from the CI picker (empty: none). A name that is no
   * single CI is shown at the field, with what was typed kept.
   */
  @PostMapping("/{number}/cis")
  String setCi(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String ci,
      @RequestParam(name = Pickers.CHOSEN_PREFIX + "ci", required = false) final String chosen,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    final ChangeSource agent = ChangeSource.person(viewer().username());
    final CiChoices.Choice choice = ciChoices.resolve(ci, chosen);
    if (choice instanceof CiChoices.Choice.Unresolved unresolved) {
      redirect.addFlashAttribute("ciError", unresolved.problem());
      redirect.addFlashAttribute("ciValue", unresolved.text());
      redirect.addFlashAttribute("ciChosen", "");
    } else if (choice instanceof CiChoices.Choice.Found found) {
      final List<PossibleCause> flagged =
          records.cis().set(incident.id(), List.of(found.ci().id()), agent);
      redirect.addFlashAttribute(
          "flash",
          "The configuration item is "
              + found.ci().name()
              + "."
              + (flagged.isEmpty()
                  ? ""
                  : " Possibly caused by "
                      + String.join(
                          ", ", flagged.stream().map(PossibleCause::changeNumber).toList())
                      + "."));
    } else {
      records.cis().set(incident.id(), List.of(), agent);
      redirect.addFlashAttribute("flash", "The configuration item is removed.");
    }
    return "redirect:/incidents/" + incident.number() + "#ci-heading";
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
