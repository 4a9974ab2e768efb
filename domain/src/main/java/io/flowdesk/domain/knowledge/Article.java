package io.flowdesk.domain.knowledge;

import java.time.Instant;

/**
 * A knowledge article as it is now: the draft being written ({@code title}, {@code body}, {@code
 * category}, {@code audience}) and the version readers see ({@code published}, null until the first
 * publish). {@code reviewComment} is the reviewer's last rejection reason.
 */
public record Article(
    long id,
    String number,
    String title,
    String body,
    String category,
    Audience audience,
    ArticleState state,
    String author,
    String reviewComment,
    String sourceIncident,
    String sourceProblem,
    Long processInstanceKey,
    PublishedVersion published,
    Instant createdAt,
    Instant updatedAt) {

  /** Whether readers may see it: published at least once and not retired. */
  public boolean readable() {
    return published != null && state != ArticleState.RETIRED;
  }

  /** Whether its draft may be changed now (not while in review, not once retired). */
  public boolean editable() {
    return state == ArticleState.DRAFT || state == ArticleState.PUBLISHED;
  }

  /** The version readers see. */
  public record PublishedVersion(
      int version, String title, String body, String category, Audience audience, Instant at) {}
}
