package io.flowdesk.app.knowledge;

import io.flowdesk.app.record.RecordAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleNotFoundException;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.record.RecordKind;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who reads and writes articles. Agents, managers and administrators read every article, drafts
 * included, and write them; everyone else reads only the published version of public articles. An
 * article somebody may not read is answered as if it did not exist (404, on pages and in the API):
 * unlike a ticket, an agents-only article is nobody's own, and its title alone may say too much.
 */
@Component
public class KnowledgeAccess extends RecordAccess<Article> {

  private final KnowledgeArticles articles;

  KnowledgeAccess(final KnowledgeArticles articles) {
    super(RecordKind.KNOWLEDGE);
    this.articles = articles;
  }

  /** The audiences whose published articles {@code viewer} reads and finds. */
  public Set<Audience> audiences(final Viewer viewer) {
    return viewer.worksTickets() ? EnumSet.allOf(Audience.class) : EnumSet.of(Audience.PUBLIC);
  }

  /** Whether {@code viewer} sees the draft, its state and history, not only the published text. */
  public boolean writes(final Viewer viewer) {
    return viewer.worksTickets();
  }

  @Override
  public boolean permits(final Viewer viewer, final Article article) {
    return writes(viewer)
        || article.readable() && audiences(viewer).contains(article.published().audience());
  }

  /**
   * @throws ArticleNotFoundException when the viewer may not read it (404, as for none)
   */
  @Override
  public Article check(final Viewer viewer, final Article article) {
    if (!permits(viewer, article)) {
      throw new ArticleNotFoundException(article.number());
    }
    return article;
  }

  /**
   * @throws AccessDeniedException when {@code viewer} may not write articles (HTTP 403)
   */
  public Viewer requireWriter(final Viewer viewer) {
    if (!writes(viewer)) {
      throw new AccessDeniedException(viewer.username() + " does not write knowledge articles");
    }
    return viewer;
  }

  @Override
  public RecordRef ref(final Article article) {
    return new RecordRef(articles.core(), article.id(), article.number());
  }

  /**
   * @throws ArticleNotFoundException no such article
   */
  @Override
  protected Article load(final String number) {
    return articles.findByNumber(number).orElseThrow(() -> new ArticleNotFoundException(number));
  }
}
