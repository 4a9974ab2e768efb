package io.flowdesk.app.change;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.forms.Pickers;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.problem.ProblemFixes;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents' change list (filtered by state, type and assignment group) and the raise form: a
 * problem is shown at its field with everything typed kept; a raised change opens its page. A
 * second post of the same form (double click, reload) raises nothing more. Raised from an incident
 * ({@code /changes/new?incident=INC…}, the incident page's "Raise change"), the form starts with
 * the incident's short description and configuration item, and the change is linked to the
 * incident. Raised from a problem ({@code /changes/new?problem=PRB…}, the problem page's "Raise a
 * change"), it starts with the problem's summary and CIs and is linked to the problem as its fix.
 */
@Controller
@RequestMapping("/changes")
class ChangePagesController {

  static final int PAGE_SIZE = 25;

  private final ChangeDrafts drafts;
  private final ChangeRaising raising;
  private final ChangeRecords records;
  private final ChangeAccess access;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;
  private final IncidentAccess incidents;
  private final ProblemFixes fixes;

  ChangePagesController(
      final ChangeDrafts drafts,
      final ChangeRaising raising,
      final ChangeRecords records,
      final ChangeAccess access,
      final Viewers viewers,
      final IdempotencyKeys onceOnly,
      final IncidentAccess incidents,
      final ProblemFixes fixes) {
    this.fixes = fixes;
    this.drafts = drafts;
    this.raising = raising;
    this.records = records;
    this.access = access;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
    this.incidents = incidents;
  }

  @GetMapping
  String list(
      @RequestParam(required = false) final ChangeState state,
      @RequestParam(required = false) final ChangeType type,
      @RequestParam(required = false) final String group,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    viewer();
    final Page<Change> changes =
        records.search(
            state == null ? Set.of() : Set.of(state),
            type,
            group,
            PageRequest.of(
                PageNumbers.within(page), PAGE_SIZE, Sort.by(Sort.Direction.DESC, "createdAt")));
    model.addAttribute("changes", changes);
    model.addAttribute("state", state);
    model.addAttribute("type", type);
    model.addAttribute("group", group);
    model.addAttribute("states", Arrays.asList(ChangeState.values()));
    model.addAttribute("types", Arrays.asList(ChangeType.values()));
    return "changes/list";
  }

  @GetMapping("/new")
  String raiseForm(
      @RequestParam(name = "incident", required = false) final String incidentNumber,
      @RequestParam(name = "problem", required = false) final String problemNumber,
      final Model model) {
    final Viewer viewer = viewer();
    if (problemNumber != null && !problemNumber.isBlank()) {
      // 404 for no such problem, 403 for one the agent may not see, as on the problem's page.
      final Problem problem = fixes.problemToFix(viewer, problemNumber.strip());
      model.addAttribute("fixes", problem.number());
      return form(model, ChangeDraft.forProblem(problem), Map.of());
    }
    if (incidentNumber == null || incidentNumber.isBlank()) {
      return form(model, ChangeDraft.blank(), Map.of());
    }
    // 404 for no such incident, 403 for one the agent may not see, as on the incident's own page.
    final Incident incident = incidents.findForPage(viewer, incidentNumber.strip());
    return form(model, ChangeDraft.forIncident(incident), Map.of());
  }

  @PostMapping
  String raise(
      @RequestParam(required = false) final String type,
      @RequestParam(required = false) final String template,
      @RequestParam(required = false) final String summary,
      @RequestParam(required = false) final String description,
      @RequestParam(required = false) final List<String> affectedCis,
      @RequestParam(name = Pickers.CHOSEN_PREFIX + "affectedCis", required = false)
          final List<String> chosenCis,
      @RequestParam(required = false) final String plannedStart,
      @RequestParam(required = false) final String plannedEnd,
      @RequestParam(required = false) final String implementationPlan,
      @RequestParam(required = false) final String backoutPlan,
      @RequestParam(required = false) final String testPlan,
      @RequestParam(required = false) final String assignmentGroup,
      @RequestParam(name = "incidents", required = false) final List<String> linked,
      @RequestParam(name = "problem", required = false) final String problemNumber,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final Model model,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    // Checked before anything is written: a change is never raised for a problem it cannot fix.
    final Problem fixed =
        problemNumber == null || problemNumber.isBlank()
            ? null
            : fixes.problemToFix(viewer, problemNumber.strip());
    if (fixed != null) {
      model.addAttribute("fixes", fixed.number());
    }
    final List<String> cis = new ArrayList<>();
    final List<String> chosen = new ArrayList<>();
    if (affectedCis != null) {
      for (int i = 0; i < affectedCis.size(); i++) {
        // One name a line, as the form once took them (and a client without pickers may post).
        final List<String> lines = affectedCis.get(i).lines().toList();
        cis.addAll(lines);
        for (final String line : lines) {
          chosen.add(
              lines.size() == 1 && chosenCis != null && i < chosenCis.size()
                  ? chosenCis.get(i)
                  : "");
        }
      }
    }
    final ChangeDraft draft =
        new ChangeDraft(
            type,
            template,
            summary,
            description,
            cis,
            plannedStart,
            plannedEnd,
            implementationPlan,
            backoutPlan,
            testPlan,
            assignmentGroup,
            linked,
            chosen);
    final ChangeDrafts.Checked checked = drafts.check(draft, viewer);
    if (!checked.valid()) {
      return form(model, draft, checked.problems());
    }
    final String number;
    try {
      number =
          onceOnly.once(
              viewer.username(),
              IdempotencyKeys.CHANGES,
              once,
              () -> {
                final String raised = raising.raise(checked.change()).number();
                if (fixed != null) {
                  fixes.fixedBy(viewer, fixed, raised);
                }
                return raised;
              });
    } catch (IllegalArgumentException refused) {
      model.addAttribute("problem", refused.getMessage());
      return form(model, draft, Map.of());
    } catch (ProcessNotStartedException notStarted) {
      model.addAttribute(
          "problem",
          "The change process did not start, so "
              + notStarted.recordNumber()
              + " was canceled. Please try again.");
      return form(model, draft, Map.of());
    }
    redirect.addFlashAttribute(
        "flash",
        "Change " + number + " raised" + (fixed == null ? "." : " to fix " + fixed.number() + "."));
    return "redirect:/changes/" + number;
  }

  private String form(
      final Model model, final ChangeDraft draft, final Map<String, String> problems) {
    model.addAttribute("draft", draft);
    model.addAttribute("errors", problems);
    model.addAttribute("types", Arrays.asList(ChangeType.values()));
    model.addAttribute("templates", records.templates());
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    return "changes/new";
  }

  private Viewer viewer() {
    // The URL rule lets only agents, managers and admins in; this keeps it so if the rule moves.
    return access.requireChangeWorker(viewers.current().orElseThrow());
  }
}
