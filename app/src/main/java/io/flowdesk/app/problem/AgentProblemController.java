package io.flowdesk.app.problem;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.record.RecordPages;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The agents' problem page, like the change and incident pages: fields, root cause, workaround,
 * linked incidents and fix changes, journal with work notes, audit trail, attachments and the
 * process instance's diagram; linking and unlinking incidents, marking it a known error with its
 * workaround, and "Raise a change" (the change form, linked to the problem).
 */
@Controller
@RequestMapping("/problems/{number:PRB[0-9]+}")
class AgentProblemController {

  private final ProblemAccess access;
  private final ProblemRecords records;
  private final ProblemTimeline timeline;
  private final ProblemDrafts drafts;
  private final JournalPosting journal;
  private final RecordPages pages;
  private final Viewers viewers;
  private final ChangeRecords changes;

  AgentProblemController(
      final ProblemAccess access,
      final ProblemRecords records,
      final ProblemTimeline timeline,
      final ProblemDrafts drafts,
      final JournalPosting journal,
      final RecordPages pages,
      final Viewers viewers,
      final ChangeRecords changes) {
    this.access = access;
    this.records = records;
    this.timeline = timeline;
    this.drafts = drafts;
    this.journal = journal;
    this.pages = pages;
    this.viewers = viewers;
    this.changes = changes;
  }

  @GetMapping
  String show(@PathVariable final String number, final Model model) {
    final Problem problem = find(number);
    model.addAttribute("problem", problem);
    model.addAttribute("timeline", timeline.of(problem));
    model.addAttribute(
        "fixes",
        problem.changes().stream().map(changes::findByNumber).flatMap(o -> o.stream()).toList());
    pages.agentsView(model, access.ref(problem), problem.processInstanceKey());
    return "problems/record";
  }

  @PostMapping("/incidents")
  String link(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String incident,
      final RedirectAttributes redirect) {
    final Problem problem = find(number);
    final Map<String, String> errors = new HashMap<>();
    final List<String> linked = drafts.incidents(List.of(incident), viewer(), errors);
    if (linked.isEmpty()) {
      errors.putIfAbsent("incidents", "name an incident number (INC…)");
    }
    if (!errors.isEmpty()) {
      redirect.addFlashAttribute("linkError", errors.get("incidents"));
      redirect.addFlashAttribute("linkValue", incident);
      return "redirect:/problems/" + problem.number() + "#incidents-heading";
    }
    records.linkIncident(problem.id(), linked.get(0), actor());
    redirect.addFlashAttribute("flash", "Incident " + linked.get(0) + " linked.");
    return "redirect:/problems/" + problem.number() + "#incidents-heading";
  }

  @PostMapping("/incidents/{incident:INC[0-9]+}/unlink")
  String unlink(
      @PathVariable final String number,
      @PathVariable final String incident,
      final RedirectAttributes redirect) {
    final Problem problem = find(number);
    records.unlinkIncident(problem.id(), incident, actor());
    redirect.addFlashAttribute("flash", "Incident " + incident + " unlinked.");
    return "redirect:/problems/" + problem.number() + "#incidents-heading";
  }

  @PostMapping("/known-error")
  String knownError(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String workaround,
      final RedirectAttributes redirect) {
    final Problem problem = find(number);
    if (workaround.isBlank() || workaround.strip().length() > ProblemDrafts.TEXT) {
      redirect.addFlashAttribute(
          "workaroundError",
          workaround.isBlank()
              ? "A known error needs its workaround."
              : "The workaround may have at most " + ProblemDrafts.TEXT + " characters.");
      redirect.addFlashAttribute("workaroundValue", workaround);
      return "redirect:/problems/" + problem.number() + "#known-error-heading";
    }
    records.markKnownError(problem.id(), workaround, actor());
    redirect.addFlashAttribute("flash", "Known error: agents see the workaround on its incidents.");
    return "redirect:/problems/" + problem.number();
  }

  @PostMapping("/journal")
  String addJournalEntry(
      @PathVariable final String number,
      @RequestParam(defaultValue = "work-note") final String kind,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Problem problem = find(number);
    journal.fromAgentsForm(
        access.ref(problem), kind, text, once, viewer().username(), "everyone on it", redirect);
    return "redirect:/problems/" + problem.number();
  }

  @PostMapping("/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Problem problem = find(number);
    RecordFiles.attach(access.ref(problem), viewer().username(), file, redirect);
    return "redirect:/problems/" + problem.number();
  }

  @GetMapping("/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(find(number)), id);
  }

  private Problem find(final String number) {
    return access.findForPage(access.requireProblemWorker(viewer()), number);
  }

  private Actor actor() {
    return Actor.person(viewer().username());
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
