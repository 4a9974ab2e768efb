package io.flowdesk.app.knowledge;

import io.flowdesk.app.record.RecordFiles;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.knowledge.KnowledgeSearch;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge base as its readers see it: search and the list by category ({@code /knowledge}),
 * an article ({@code /knowledge/KB…}) and its "This solved it", which counts the article as having
 * spared a ticket. End users read published public articles; agents everything, with the draft,
 * versions, links and counts (see {@link KnowledgeAccess}).
 */
@Controller
@RequestMapping("/knowledge")
class KnowledgePagesController {

  static final int RESULTS = 50;
  static final int LISTED = 500;

  private final KnowledgeArticles articles;
  private final KnowledgeSearch search;
  private final KnowledgeAccess access;
  private final ArticleMarkdown markdown;
  private final Viewers viewers;

  KnowledgePagesController(
      final KnowledgeArticles articles,
      final KnowledgeSearch search,
      final KnowledgeAccess access,
      final ArticleMarkdown markdown,
      final Viewers viewers) {
    this.articles = articles;
    this.search = search;
    this.access = access;
    this.markdown = markdown;
    this.viewers = viewers;
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(required = false) final String category,
      final Model model) {
    final Viewer viewer = viewer();
    final String query = q.strip();
    final String chosen = category == null || category.isBlank() ? null : category.strip();
    model.addAttribute("query", query);
    model.addAttribute("category", chosen);
    model.addAttribute("categories", search.categories(access.audiences(viewer)));
    model.addAttribute(
        "hits",
        query.isEmpty()
            ? search.byCategory(chosen, access.audiences(viewer), LISTED)
            : search.search(query, access.audiences(viewer), RESULTS));
    model.addAttribute("writes", access.writes(viewer));
    if (access.writes(viewer)) {
      model.addAttribute("drafts", articles.unpublishedDrafts(50));
      model.addAttribute("mostSolved", search.mostSolved(10));
    }
    return "knowledge/list";
  }

  @GetMapping("/{number}")
  String article(@PathVariable final String number, final Model model) {
    final Viewer viewer = viewer();
    final Article article = access.findForPage(viewer, number);
    model.addAttribute("article", article);
    model.addAttribute("writes", access.writes(viewer));
    model.addAttribute(
        "publishedHtml", article.readable() ? markdown.toHtml(article.published().body()) : null);
    model.addAttribute("attachments", articles.attachments(article.id()));
    if (access.writes(viewer)) {
      model.addAttribute("draftHtml", markdown.toHtml(article.body()));
      model.addAttribute("versions", articles.versions(article.id()));
      model.addAttribute("incidents", articles.incidents(article.id()));
      model.addAttribute("solvedCount", articles.solvedCount(article.id()));
      model.addAttribute("journal", articles.journal(article.id(), true));
    }
    return "knowledge/article";
  }

  /** "This solved it": counted for the article instead of a ticket. */
  @PostMapping("/{number}/solved")
  String solved(@PathVariable final String number, final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Article article = access.findForPage(viewer, number);
    if (!article.readable()) {
      redirect.addFlashAttribute("problem", "Only a published article can solve an issue.");
      return "redirect:/knowledge/" + article.number();
    }
    articles.solved(article.id(), viewer.username());
    redirect.addFlashAttribute(
        "flash", "Glad it is solved: no ticket needed. Thank you for telling us.");
    return "redirect:/knowledge/" + article.number();
  }

  @GetMapping("/{number}/attachments/{id}")
  ResponseEntity<byte[]> attachment(
      @PathVariable final String number, @PathVariable final long id) {
    return RecordFiles.download(access.ref(access.findForPage(viewer(), number)), id);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
