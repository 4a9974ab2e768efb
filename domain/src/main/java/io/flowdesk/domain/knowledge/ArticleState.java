package io.flowdesk.domain.knowledge;

/**
 * Where an article's current draft is: written (Draft), waiting for a knowledge manager (In
 * review), the same as the version readers see (Published), or withdrawn (Retired). A published
 * article edited again is a Draft whose last published version readers keep seeing.
 */
public enum ArticleState {
  DRAFT("Draft"),
  IN_REVIEW("In review"),
  PUBLISHED("Published"),
  RETIRED("Retired");

  private final String label;

  ArticleState(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
