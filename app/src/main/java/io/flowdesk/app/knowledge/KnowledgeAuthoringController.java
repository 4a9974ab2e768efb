package io.flowdesk.app.knowledge;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.problem.ProblemAccess;
import io.flowdesk.app.record.IdempotencyKeys;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.TransitionRefusedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
 * Writing articles (agents, managers and administrators): the new and edit forms (each problem at
 * its field, everything typed kept; a second post of the same new form writes nothing more), from a
 * resolved incident ({@code ?incident=INC…}) or a known error ({@code ?problem=PRB…}) prefilled
 * with its resolution or workaround; submitting for review, retiring, linking to incidents and
 * attaching files.
 */
@Controller
@RequestMapping("/knowledge")
class KnowledgeAuthoringController {

  static final String ONCE_SCOPE = "knowledge-article";

  private final KnowledgeArticles articles;
  private final KnowledgeAccess access;
  private final KnowledgeReview review;
  private final Viewers viewers;
  private final IdempotencyKeys onceOnly;
  private final IncidentAccess incidentAccess;
  private final ProblemAccess problemAccess;

  KnowledgeAuthoringController(
      final KnowledgeArticles articles,
      final KnowledgeAccess access,
      final KnowledgeReview review,
      final Viewers viewers,
      final IdempotencyKeys onceOnly,
      final IncidentAccess incidentAccess,
      final ProblemAccess problemAccess) {
    this.articles = articles;
    this.access = access;
    this.review = review;
    this.viewers = viewers;
    this.onceOnly = onceOnly;
    this.incidentAccess = incidentAccess;
    this.problemAccess = problemAccess;
  }

  @GetMapping("/new")
  String newForm(
      @RequestParam(name = "incident", required = false) final String incidentNumber,
      @RequestParam(name = "problem", required = false) final String problemNumber,
      final Model model) {
    final Viewer viewer = writer();
    ArticleForm form = ArticleForm.blank();
    if (incidentNumber != null && !incidentNumber.isBlank()) {
      // 404 for no such incident, 403 for one the agent may not see, as on its own page.
      form = ArticleForm.fromIncident(incidentAccess.findForPage(viewer, incidentNumber.strip()));
    } else if (problemNumber != null && !problemNumber.isBlank()) {
      final Problem problem = problemAccess.findForPage(viewer, problemNumber.strip());
      if (!problem.knownError()) {
        throw new ResponseStatusException(
            HttpStatus.CONFLICT, problem.number() + " is no known error: it has no workaround");
      }
      form = ArticleForm.fromProblem(problem);
    }
    return form(model, form, null, Map.of());
  }

  @PostMapping
  String write(
      @RequestParam(defaultValue = "") final String title,
      @RequestParam(defaultValue = "") final String body,
      @RequestParam(defaultValue = "") final String category,
      @RequestParam(defaultValue = "") final String audience,
      @RequestParam(required = false) final String sourceIncident,
      @RequestParam(required = false) final String sourceProblem,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = writer();
    final String incident = blankToNull(sourceIncident);
    final String problem = blankToNull(sourceProblem);
    final ArticleForm form = new ArticleForm(title, body, category, audience, incident, problem);
    final Map<String, String> problems = form.problems();
    if (incident != null) {
      incidentAccess.findForPage(viewer, incident);
    }
    if (problem != null) {
      problemAccess.findForPage(viewer, problem);
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return form(model, form, null, problems);
    }
    final String number =
        onceOnly.once(
            viewer.username(),
            ONCE_SCOPE,
            once,
            () -> {
              final Actor actor = Actor.person(viewer.username());
              final Article written = articles.write(form.draft(), incident, problem, actor);
              if (incident != null) {
                articles.linkIncident(written.id(), incident, actor);
              }
              return written.number();
            });
    redirect.addFlashAttribute("flash", "Article " + number + " saved as a draft.");
    return "redirect:/knowledge/" + number;
  }

  @GetMapping("/{number}/edit")
  String editForm(@PathVariable final String number, final Model model) {
    final Article article = access.findForPage(writer(), number);
    return form(model, ArticleForm.of(article), article, Map.of());
  }

  @PostMapping("/{number}/edit")
  String edit(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String title,
      @RequestParam(defaultValue = "") final String body,
      @RequestParam(defaultValue = "") final String category,
      @RequestParam(defaultValue = "") final String audience,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final Viewer viewer = writer();
    final Article article = access.findForPage(viewer, number);
    final ArticleForm form =
        new ArticleForm(
            title, body, category, audience, article.sourceIncident(), article.sourceProblem());
    final Map<String, String> problems = form.problems();
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return form(model, form, article, problems);
    }
    try {
      articles.edit(article.id(), form.draft(), Actor.person(viewer.username()));
    } catch (TransitionRefusedException notNow) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute(
          "problem", "This article cannot be changed now: " + notNow.getMessage() + ".");
      return form(model, form, article, Map.of());
    }
    redirect.addFlashAttribute("flash", "Draft of " + article.number() + " saved.");
    return "redirect:/knowledge/" + article.number();
  }

  @PostMapping("/{number}/submit")
  String submit(@PathVariable final String number, final RedirectAttributes redirect) {
    final Viewer viewer = writer();
    final Article article = access.findForPage(viewer, number);
    try {
      review.submit(article, viewer.username());
      redirect.addFlashAttribute(
          "flash", article.number() + " is in review: a knowledge manager publishes it.");
    } catch (TransitionRefusedException notNow) {
      redirect.addFlashAttribute(
          "problem", "Only a draft can be submitted: " + notNow.getMessage());
    } catch (ProcessNotStartedException notStarted) {
      redirect.addFlashAttribute(
          "problem", "The review did not start; the article is still a draft. Please try again.");
    }
    return "redirect:/knowledge/" + article.number();
  }

  @PostMapping("/{number}/retire")
  String retire(@PathVariable final String number, final RedirectAttributes redirect) {
    final Viewer viewer = writer();
    final Article article = access.findForPage(viewer, number);
    try {
      articles.retire(article.id(), Actor.person(viewer.username()));
      redirect.addFlashAttribute("flash", article.number() + " retired: readers no longer see it.");
    } catch (TransitionRefusedException notNow) {
      redirect.addFlashAttribute("problem", "Not now: " + notNow.getMessage());
    }
    return "redirect:/knowledge/" + article.number();
  }

  /** Links an article to an incident, from the incident page; back there afterwards. */
  @PostMapping("/links")
  String link(
      @RequestParam(defaultValue = "") final String article,
      @RequestParam final String incident,
      final RedirectAttributes redirect) {
    final Viewer viewer = writer();
    final Incident linked = incidentAccess.findForPage(viewer, incident.strip());
    final String wanted = article.strip().toUpperCase(java.util.Locale.ROOT);
    final Article found = articles.findByNumber(wanted).orElse(null);
    if (found == null) {
      redirect.addFlashAttribute(
          "problem", "There is no article \u201c" + article.strip() + "\u201d to link.");
    } else {
      articles.linkIncident(found.id(), linked.number(), Actor.person(viewer.username()));
      redirect.addFlashAttribute(
          "flash", "Article " + found.number() + " linked to " + linked.number() + ".");
    }
    return "redirect:/incidents/" + linked.number();
  }

  @PostMapping("/{number}/attachments")
  String attach(
      @PathVariable final String number,
      @RequestParam("file") final MultipartFile file,
      final RedirectAttributes redirect)
      throws IOException {
    final Viewer viewer = writer();
    final Article article = access.findForPage(viewer, number);
    RecordFiles.attach(access.ref(article), viewer.username(), file, redirect);
    return "redirect:/knowledge/" + article.number();
  }

  private String form(
      final Model model,
      final ArticleForm form,
      final Article article,
      final Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("article", article);
    model.addAttribute("errors", errors);
    model.addAttribute("audiences", Arrays.asList(Audience.values()));
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    return "knowledge/edit";
  }

  private static String blankToNull(final String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private Viewer writer() {
    // The URL rule lets only agents, managers and admins in; this keeps it so if the rule moves.
    return access.requireWriter(viewers.current().orElseThrow());
  }
}
