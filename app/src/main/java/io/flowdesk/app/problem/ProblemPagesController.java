package io.flowdesk.app.problem;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.forms.Pickers;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.LinkedCi;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents' problem list (filtered by state, group, known errors, proposed) and the form that
 * raises one: a problem is shown at its field with everything typed kept; a raised problem opens
 * its page; a second post of the same form raises nothing more. From an incident ({@code
 * /problems/new?incident=INC…}, the incident page's "Create problem") the form starts with the
 * incident's summary, category, CI and priority, and the problem is linked to it.
 */
@Controller
@RequestMapping("/problems")
class ProblemPagesController {

  static final int PAGE_SIZE = 25;

  private final ProblemDrafts drafts;
  private final ProblemRaising raising;
  private final ProblemRecords records;
  private final ProblemAccess access;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;
  private final IncidentAccess incidentAccess;
  private final IncidentRecords incidents;

  ProblemPagesController(
      final ProblemDrafts drafts,
      final ProblemRaising raising,
      final ProblemRecords records,
      final ProblemAccess access,
      final Viewers viewers,
      final IdempotencyKeys onceOnly,
      final IncidentAccess incidentAccess,
      final IncidentRecords incidents) {
    this.drafts = drafts;
    this.raising = raising;
    this.records = records;
    this.access = access;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
    this.incidentAccess = incidentAccess;
    this.incidents = incidents;
  }

  @GetMapping
  String list(
      @RequestParam(required = false) final ProblemState state,
      @RequestParam(required = false) final String group,
      @RequestParam(defaultValue = "false") final boolean knownErrors,
      @RequestParam(defaultValue = "false") final boolean proposed,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    viewer();
    final Page<Problem> problems =
        records.search(
            state == null ? Set.of() : Set.of(state),
            group,
            knownErrors,
            proposed,
            PageRequest.of(
                PageNumbers.within(page), PAGE_SIZE, Sort.by(Sort.Direction.DESC, "createdAt")));
    model.addAttribute("problems", problems);
    model.addAttribute("state", state);
    model.addAttribute("group", group);
    model.addAttribute("knownErrors", knownErrors);
    model.addAttribute("proposed", proposed);
    model.addAttribute("states", Arrays.asList(ProblemState.values()));
    return "problems/list";
  }

  @GetMapping("/new")
  String form(
      @RequestParam(name = "incident", required = false) final String incidentNumber,
      final Model model) {
    final Viewer viewer = viewer();
    if (incidentNumber == null || incidentNumber.isBlank()) {
      return form(model, ProblemDraft.blank(), Map.of());
    }
    // 404 for no such incident, 403 for one the agent may not see, as on the incident's own page.
    final Incident incident = incidentAccess.findForPage(viewer, incidentNumber.strip());
    final List<String> cis =
        incidents.cis().of(incident.id()).stream().map(LinkedCi::id).map(UUID::toString).toList();
    return form(model, ProblemDraft.forIncident(incident, cis), Map.of());
  }

  @PostMapping
  String raise(
      @RequestParam(required = false) final String summary,
      @RequestParam(required = false) final String description,
      @RequestParam(required = false) final String category,
      @RequestParam(required = false) final String affectedCi,
      @RequestParam(name = Pickers.CHOSEN_PREFIX + "affectedCi", required = false)
          final String chosenCi,
      @RequestParam(required = false) final String assignmentGroup,
      @RequestParam(required = false) final String priority,
      @RequestParam(name = "incidents", required = false) final List<String> linked,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final ProblemDraft draft =
        new ProblemDraft(
            summary,
            description,
            category,
            affectedCi == null ? List.of() : List.of(affectedCi),
            chosenCi == null ? List.of() : List.of(chosenCi),
            assignmentGroup,
            priority,
            linked);
    final ProblemDrafts.Checked checked = drafts.check(draft, viewer);
    if (!checked.valid()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return form(model, draft, checked.problems());
    }
    final String number;
    try {
      number =
          onceOnly.once(
              viewer.username(),
              IdempotencyKeys.PROBLEMS,
              once,
              () -> raising.raise(checked.problem()).number());
    } catch (ProcessNotStartedException notStarted) {
      model.addAttribute(
          "problem",
          "The problem process did not start, so "
              + notStarted.recordNumber()
              + " was canceled. Please try again.");
      return form(model, draft, Map.of());
    }
    redirect.addFlashAttribute("flash", "Problem " + number + " raised.");
    return "redirect:/problems/" + number;
  }

  private String form(
      final Model model, final ProblemDraft draft, final Map<String, String> errors) {
    model.addAttribute("draft", draft);
    model.addAttribute("errors", errors);
    model.addAttribute("priorities", Arrays.asList(Priority.values()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    return "problems/new";
  }

  private Viewer viewer() {
    // The URL rule lets only agents, managers and admins in; this keeps it so if the rule moves.
    return access.requireProblemWorker(viewers.current().orElseThrow());
  }
}
