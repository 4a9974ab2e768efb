package io.flowdesk.app.operate.batch;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.BatchOperation;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Batch operations ({@code /operate/batches}): created from the instance list's selection (cancel,
 * resolve incidents, migrate with an element mapping, move tokens), listed with state and progress,
 * each with its per-instance results; suspend, resume and cancel while it runs.
 */
@Controller
@RequestMapping("/operate/batches")
class BatchController {

  static final String MAPPING_PREFIX = "map.";
  static final String MOVE_PREFIX = "move.";

  private final BatchOperations batches;
  private final MigrationPlanner planner;
  private final MovePlanner moves;

  BatchController(
      final BatchOperations batches, final MigrationPlanner planner, final MovePlanner moves) {
    this.batches = batches;
    this.planner = planner;
    this.moves = moves;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("batches", batches.latest().stream().map(BatchView::of).toList());
    return "operate/batches";
  }

  /**
   * The plan page of a migration or a move for the instance list's selection; shows, never starts
   * (a GET changes nothing).
   */
  @GetMapping("/new")
  String plan(
      @RequestParam final MultiValueMap<String, String> query,
      final Model model,
      final HttpServletResponse response) {
    final MultiValueMap<String, String> form = new LinkedMultiValueMap<>(query);
    // "Migrate all instances of this version" from a definition page.
    final String definition = form.getFirst("processDefinitionKey");
    if (definition != null && !form.containsKey(BatchSelection.KEY_FIELD)) {
      form.add(BatchSelection.FILTER_PREFIX + BatchSelection.DEFINITION_KEY, definition);
    }
    form.remove("processDefinitionKey");
    return handle(form, false, model, response);
  }

  @PostMapping
  String create(
      @RequestParam final MultiValueMap<String, String> form,
      final Model model,
      final HttpServletResponse response) {
    return handle(form, true, model, response);
  }

  /** Shows the plan page, or with {@code start} creates the batch when its plan is complete. */
  private String handle(
      final MultiValueMap<String, String> form,
      final boolean start,
      final Model model,
      final HttpServletResponse response) {
    final BatchKind kind;
    final BatchSelection selection;
    try {
      kind = BatchKind.of(form.getFirst("operation"));
      selection = BatchSelection.of(withoutPlanFields(form));
      if (!start && !kind.needsPlan()) {
        throw new IllegalArgumentException(
            "'" + kind.value() + "' has no plan page; submit it from the instance list.");
      }
    } catch (IllegalArgumentException e) {
      return badRequest(model, response, e.getMessage());
    }
    try {
      final String key =
          switch (kind) {
            case CANCEL -> batches.cancel(selection);
            case RESOLVE_INCIDENTS -> batches.resolveIncidents(selection);
            case MIGRATE -> migrate(selection, form, start, model, response);
            case MODIFY -> move(selection, form, start, model, response);
          };
      if (key == null) {
        return "operate/batch-plan";
      }
      return "redirect:/operate/batches/" + key;
    } catch (IllegalArgumentException e) {
      return badRequest(model, response, e.getMessage());
    } catch (ProblemException e) {
      return badRequest(model, response, engineMessage(e));
    }
  }

  /** The batch key, or null when the mapping page is to be shown (first visit or refused). */
  private String migrate(
      final BatchSelection selection,
      final MultiValueMap<String, String> form,
      final boolean start,
      final Model model,
      final HttpServletResponse response) {
    final String target = form.getFirst("targetProcessDefinitionKey");
    final Long targetKey =
        target == null || target.isBlank()
            ? null
            : BatchSelection.key("targetProcessDefinitionKey", target);
    final Map<String, String> mapping = prefixed(form, MAPPING_PREFIX);
    // The mapping of the version shown: a newly chosen target gets its own prefill.
    final boolean sameTarget = target != null && target.equals(form.getFirst("shownTarget"));
    final MigrationPlanner.Plan plan =
        planner.plan(selection, targetKey, sameTarget ? mapping : null);
    model.addAttribute("kind", BatchKind.MIGRATE);
    model.addAttribute("selection", selection);
    model.addAttribute("plan", plan);
    if (!start || !sameTarget || form.containsKey("change")) {
      return null;
    }
    final List<MigrationPlanner.Refusal> refusals = MigrationPlanner.check(plan);
    if (!refusals.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("refusals", refusals);
      return null;
    }
    return batches.migrate(selection, plan.target().key(), MigrationPlanner.instructions(plan));
  }

  private String move(
      final BatchSelection selection,
      final MultiValueMap<String, String> form,
      final boolean start,
      final Model model,
      final HttpServletResponse response) {
    final MovePlanner.Moves plan = moves.plan(selection, prefixed(form, MOVE_PREFIX));
    model.addAttribute("kind", BatchKind.MODIFY);
    model.addAttribute("selection", selection);
    model.addAttribute("moves", plan);
    if (!start || !form.containsKey("submitted")) {
      return null;
    }
    final List<MigrationPlanner.Refusal> refusals = MovePlanner.check(plan);
    if (!refusals.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("refusals", refusals);
      return null;
    }
    return batches.move(selection, plan.instructions());
  }

  @GetMapping("/{key:\\d+}")
  String batch(@PathVariable final String key, final Model model) {
    final BatchOperation batch = batches.get(key);
    model.addAttribute("batch", BatchView.of(batch));
    model.addAttribute("items", batches.items(key));
    return "operate/batch";
  }

  @PostMapping("/{key:\\d+}/{action:suspension|resumption|cancellation}")
  String act(
      @PathVariable final String key,
      @PathVariable final String action,
      final RedirectAttributes redirect) {
    try {
      switch (action) {
        case "suspension" -> batches.suspend(key);
        case "resumption" -> batches.resume(key);
        default -> batches.cancelBatch(key);
      }
    } catch (ProblemException e) {
      redirect.addFlashAttribute("error", engineMessage(e));
    }
    return "redirect:/operate/batches/" + key;
  }

  private String badRequest(
      final Model model, final HttpServletResponse response, final String message) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("error", message);
    return list(model);
  }

  private static String engineMessage(final ProblemException e) {
    return e.details() != null && e.details().getDetail() != null
        ? e.details().getDetail()
        : e.getMessage();
  }

  private static Map<String, String> prefixed(
      final MultiValueMap<String, String> form, final String prefix) {
    final Map<String, String> fields = new LinkedHashMap<>();
    form.forEach(
        (name, values) -> {
          if (name.startsWith(prefix) && !values.isEmpty()) {
            fields.put(name.substring(prefix.length()), values.get(0));
          }
        });
    return fields;
  }

  /** The selection's fields only: what the plan pages add is not a filter. */
  private static MultiValueMap<String, String> withoutPlanFields(
      final MultiValueMap<String, String> form) {
    final MultiValueMap<String, String> selection = new LinkedMultiValueMap<>();
    form.forEach(
        (name, values) -> {
          if (name.equals(BatchSelection.KEY_FIELD)
              || name.startsWith(BatchSelection.FILTER_PREFIX)) {
            selection.put(name, values);
          }
        });
    return selection;
  }
}
