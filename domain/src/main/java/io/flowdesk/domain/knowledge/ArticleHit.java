package io.flowdesk.domain.knowledge;

/** A published article found by a search, with its full-text rank (higher is better). */
public record ArticleHit(
    long id, String number, String title, String category, Audience audience, float rank) {}
