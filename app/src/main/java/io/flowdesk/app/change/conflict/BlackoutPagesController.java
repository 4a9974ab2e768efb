package io.flowdesk.app.change.conflict;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The blackout windows page: agents read the list; change managers and administrators create
 * windows (problems shown at their fields, everything typed kept) and delete them.
 */
@Controller
@RequestMapping("/changes/blackouts")
class BlackoutPagesController {

  private static final Blackouts.Draft BLANK = new Blackouts.Draft("", "GLOBAL", "", "", "");

  private final Blackouts blackouts;
  private final Viewers viewers;

  BlackoutPagesController(final Blackouts blackouts, final Viewers viewers) {
    this.blackouts = blackouts;
    this.viewers = viewers;
  }

  @GetMapping
  String list(final Model model) {
    return page(model, viewer(), BLANK, Map.of());
  }

  @PostMapping
  String create(
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String scope,
      @RequestParam(defaultValue = "") final String ciId,
      @RequestParam(defaultValue = "") final String start,
      @RequestParam(defaultValue = "") final String end,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Blackouts.Draft draft = new Blackouts.Draft(name, scope, ciId, start, end);
    final Blackouts.Created created = blackouts.create(viewer, draft);
    if (created.window() == null) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return page(model, viewer, draft, created.problems());
    }
    redirect.addFlashAttribute(
        "flash", "Blackout window \u201c" + created.window().name() + "\u201d created.");
    return "redirect:/changes/blackouts";
  }

  @PostMapping("/{id}/delete")
  String delete(@PathVariable final long id, final RedirectAttributes redirect) {
    redirect.addFlashAttribute(
        "flash",
        blackouts
            .delete(viewer(), id)
            .map(window -> "Blackout window \u201c" + window.name() + "\u201d deleted.")
            .orElse("That blackout window was already deleted."));
    return "redirect:/changes/blackouts";
  }

  private String page(
      final Model model,
      final Viewer viewer,
      final Blackouts.Draft draft,
      final Map<String, String> errors) {
    model.addAttribute("blackouts", blackouts.list(viewer));
    model.addAttribute("mayKeep", ChangePlanning.managesChanges(viewer));
    model.addAttribute("draft", draft);
    model.addAttribute("errors", errors);
    return "changes/blackouts";
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
