package io.flowdesk.workers.knowledge;

import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleNotFoundException;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.workers.JobInputs;

/** What the knowledge workers share: the job's article. */
final class KnowledgeJobs {

  /** The variable every knowledge job fetches at least. */
  static final String NUMBER = "articleNumber";

  private KnowledgeJobs() {}

  /** The article of input {@code articleNumber}; an unknown one fails the job. */
  static Article article(final KnowledgeArticles articles, final JobInputs inputs) {
    final String number = inputs.text(NUMBER);
    return articles.findByNumber(number).orElseThrow(() -> new ArticleNotFoundException(number));
  }
}
