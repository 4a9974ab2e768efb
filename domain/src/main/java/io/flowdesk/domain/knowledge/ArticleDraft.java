package io.flowdesk.domain.knowledge;

/** What an author writes: title (≤ 160), Markdown body (≤ 50,000), category (≤ 64) and audience. */
public record ArticleDraft(String title, String body, String category, Audience audience) {}
