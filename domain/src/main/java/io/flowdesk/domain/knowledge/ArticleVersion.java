package io.flowdesk.domain.knowledge;

import java.time.Instant;

/** One publish of an article. */
public record ArticleVersion(
    int version,
    String title,
    String category,
    Audience audience,
    String author,
    String publishedBy,
    Instant publishedAt) {}
