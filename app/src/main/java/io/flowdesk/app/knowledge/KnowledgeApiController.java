package io.flowdesk.app.knowledge;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleHit;
import io.flowdesk.domain.knowledge.ArticleNotFoundException;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.knowledge.KnowledgeSearch;
import io.flowdesk.domain.record.RecordKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge API, with the pages' permissions ({@link KnowledgeAccess}): search over the
 * published articles the caller may read, best first, and one article's published version. An
 * article the caller may not read is 404, as one that does not exist. Errors are RFC 9457 problem
 * documents ({@link KnowledgeApiProblems}).
 */
@RestController
@Tag(name = "Knowledge", description = "Search and read knowledge articles")
class KnowledgeApiController {

  static final int MAX_LIMIT = 50;

  private final KnowledgeArticles articles;
  private final KnowledgeSearch search;
  private final KnowledgeAccess access;
  private final ArticleMarkdown markdown;
  private final Viewers viewers;

  KnowledgeApiController(
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

  /** A search result. */
  record ArticleSummary(
      String number, String title, String category, String audience, float rank, String href) {
    static ArticleSummary of(final ArticleHit hit) {
      return new ArticleSummary(
          hit.number(),
          hit.title(),
          hit.category(),
          hit.audience().name(),
          hit.rank(),
          "/knowledge/" + hit.number());
    }
  }

  /** The published version of an article, its Markdown and the same as sanitised HTML. */
  record ArticleResource(
      String number,
      String title,
      String category,
      String audience,
      int version,
      Instant publishedAt,
      String body,
      String bodyHtml) {}

  @GetMapping("/api/knowledge/articles")
  @Operation(
      summary = "Search knowledge articles",
      description =
          "Published articles the caller may read (end users: public ones; agents: all), best"
              + " match first (title above body; the last word also as a prefix). Without q: all"
              + " of them by category and title. limit 1..50 (default 10).")
  List<ArticleSummary> search(
      @RequestParam(defaultValue = "") final String q,
      @RequestParam(defaultValue = "10") final int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    final Viewer viewer = viewer();
    final List<ArticleHit> hits =
        q.isBlank()
            ? search.byCategory(null, access.audiences(viewer), limit)
            : search.search(q, access.audiences(viewer), limit);
    return hits.stream().map(ArticleSummary::of).toList();
  }

  @GetMapping("/api/knowledge/articles/{number}")
  @Operation(
      summary = "Read a knowledge article",
      description =
          "The published version of article KB… (404 when there is none, it is not published or"
              + " retired, or the caller may not read it).")
  ArticleResource article(@PathVariable final String number) {
    if (!RecordKind.KNOWLEDGE.numbers(number)) {
      throw new ArticleNotFoundException(number);
    }
    final Article article = access.find(viewer(), number);
    if (!article.readable()) {
      throw new ArticleNotFoundException(number);
    }
    final Article.PublishedVersion published = article.published();
    return new ArticleResource(
        article.number(),
        published.title(),
        published.category(),
        published.audience().name(),
        published.version(),
        published.at(),
        published.body(),
        markdown.toHtml(published.body()));
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
