package io.flowdesk.domain.knowledge;

import io.flowdesk.domain.record.RecordNotFoundException;

/** No article has this id or number. */
public class ArticleNotFoundException extends RecordNotFoundException {
  public ArticleNotFoundException(final String idOrNumber) {
    super("article", idOrNumber);
  }
}
