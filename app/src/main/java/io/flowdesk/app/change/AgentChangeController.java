package io.flowdesk.app.change;

import io.flowdesk.app.change.conflict.ChangePlanning;
import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.problem.ProblemFixes;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeNotEditableException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.conflict.ChangeConflict;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.record.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents' change page, like the request and incident pages: fields, plans, state, risk and
 * close code, journal with work notes, audit trail, attachments and the process instance's diagram;
 * adding comments and work notes, attaching files; its conflicts ("Check conflicts" checks again)
 * and, for those who plan it, the form that moves its window and changes its CIs.
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
  private final ChangeConflicts conflicts;
  private final ChangePlanning planning;
  private final Clock clock;
  private final ProblemFixes fixes;

  AgentChangeController(
      final ChangeAccess access,
      final ChangeRecords records,
      final ChangeTimeline timeline,
      final JournalPosting journal,
      final RecordPages pages,
      final Viewers viewers,
      final IncidentRecords incidents,
      final ChangeConflicts conflicts,
      final ChangePlanning planning,
      final Clock clock,
      final ProblemFixes fixes) {
    this.fixes = fixes;
    this.conflicts = conflicts;
    this.planning = planning;
    this.clock = clock;
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
    return show(change, model, plan(change), Map.of());
  }

  private String show(
      final Change change,
      final Model model,
      final ChangePlan plan,
      final Map<String, String> planErrors) {
    model.addAttribute("change", change);
    model.addAttribute("timeline", timeline.of(change));
    model.addAttribute(
        "cabOutcome", records.authorizationOf(change.id()).map(CabOutcome::of).orElse(null));
    model.addAttribute("possiblyCaused", incidents.cis().possiblyCausedBy(change.id()));
    model.addAttribute("fixesProblems", fixes.fixedWith(change.number()));
    model.addAttribute("conflicts", conflicts.of(change.id()));
    model.addAttribute("mayPlan", planning.mayPlan(viewer(), change) && plannable(change));
    model.addAttribute("plan", plan);
    model.addAttribute("planErrors", planErrors);
    pages.agentsView(model, access.ref(change), change.processInstanceKey());
    return "changes/record";
  }

  /**
   * The planning form's values: the window in the server's zone and a CI picker per CI, with one
   * empty picker more to add a CI.
   */
  public record ChangePlan(String plannedStart, String plannedEnd, List<ChangeDraft.CiRow> ciRows) {

    static ChangePlan of(
        final String plannedStart,
        final String plannedEnd,
        final List<String> texts,
        final List<String> chosen) {
      final List<ChangeDraft.CiRow> rows = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        if (!texts.get(i).isBlank()) {
          rows.add(new ChangeDraft.CiRow(texts.get(i), i < chosen.size() ? chosen.get(i) : ""));
        }
      }
      rows.add(new ChangeDraft.CiRow("", ""));
      return new ChangePlan(plannedStart, plannedEnd, List.copyOf(rows));
    }
  }

  private ChangePlan plan(final Change change) {
    return ChangePlan.of(
        local(change.plannedStart()),
        local(change.plannedEnd()),
        change.affectedCis().stream().map(AffectedCi::name).toList(),
        change.affectedCis().stream().map(ci -> ci.ciId().toString()).toList());
  }

  private String local(final Instant instant) {
    return LocalDateTime.ofInstant(instant, clock.getZone())
        .truncatedTo(ChronoUnit.MINUTES)
        .toString();
  }

  private static boolean plannable(final Change change) {
    return EnumSet.of(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE)
        .contains(change.state());
  }

  @PostMapping("/plan")
  String plan(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String plannedStart,
      @RequestParam(defaultValue = "") final String plannedEnd,
      @RequestParam(name = "affectedCis", required = false) final List<String> affectedCis,
      @RequestParam(name = "chosen:affectedCis", required = false) final List<String> chosenCis,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Change change = find(number);
    final List<String> cis = affectedCis == null ? List.of() : affectedCis;
    final List<String> chosen = chosenCis == null ? List.of() : chosenCis;
    final ChangePlanning.Planned planned;
    try {
      planned = planning.reschedule(viewer(), change, plannedStart, plannedEnd, cis, chosen);
    } catch (ChangeNotEditableException late) {
      redirect.addFlashAttribute("flash", capitalised(late.getMessage()) + ".");
      return "redirect:/changes/" + change.number();
    }
    if (!planned.done()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return show(
          change, model, ChangePlan.of(plannedStart, plannedEnd, cis, chosen), planned.problems());
    }
    final int open =
        (int) planned.result().conflicts().stream().filter(ChangeConflict::open).count();
    redirect.addFlashAttribute(
        "flash",
        "Planned window and CIs saved; "
            + (open == 0
                ? "no open conflicts."
                : open + (open == 1 ? " open conflict." : " open conflicts.")));
    return "redirect:/changes/" + change.number();
  }

  @PostMapping("/conflicts")
  String checkConflicts(@PathVariable final String number, final RedirectAttributes redirect) {
    final Change change = find(number);
    final long open =
        conflicts.detect(change.id(), Actor.person(viewer().username())).stream()
            .filter(ChangeConflict::open)
            .count();
    redirect.addFlashAttribute(
        "flash",
        "Conflicts checked: "
            + (open == 0
                ? "none open."
                : open + (open == 1 ? " open conflict." : " open conflicts.")));
    return "redirect:/changes/" + change.number() + "#conflicts-heading";
  }

  private static String capitalised(final String message) {
    return Character.toUpperCase(message.charAt(0)) + message.substring(1);
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
