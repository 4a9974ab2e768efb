package io.flowdesk.app.knowledge;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleDraft;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.problem.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The article form as typed (kept as is when something is wrong) and its checks, each problem at
 * its field. Written from a resolved incident or a known error, it starts with their summary and
 * resolution or workaround, for agents only until the author chooses otherwise: an incident's notes
 * were not written for end users.
 */
record ArticleForm(
    String title,
    String body,
    String category,
    String audience,
    String sourceIncident,
    String sourceProblem) {

  static final int TITLE = 160;
  static final int BODY = 50_000;
  static final int CATEGORY = 64;

  static ArticleForm blank() {
    return new ArticleForm("", "", "", Audience.AGENTS.name(), null, null);
  }

  static ArticleForm of(final Article article) {
    return new ArticleForm(
        article.title(),
        article.body(),
        article.category(),
        article.audience().name(),
        article.sourceIncident(),
        article.sourceProblem());
  }

  static ArticleForm fromIncident(final Incident incident) {
    final StringBuilder body = new StringBuilder("## Symptom\n\n");
    body.append(orNone(incident.description(), incident.shortDescription()));
    body.append("\n\n## Resolution\n\n").append(orNone(incident.resolutionNotes(), "–"));
    return new ArticleForm(
        incident.shortDescription(),
        body.toString(),
        orNone(incident.category(), "general"),
        Audience.AGENTS.name(),
        incident.number(),
        null);
  }

  static ArticleForm fromProblem(final Problem problem) {
    final StringBuilder body = new StringBuilder("## Symptom\n\n");
    body.append(orNone(problem.description(), problem.shortDescription()));
    if (problem.cause() != null && !problem.cause().isBlank()) {
      body.append("\n\n## Cause\n\n").append(problem.cause());
    }
    body.append("\n\n## Workaround\n\n").append(orNone(problem.workaround(), "–"));
    return new ArticleForm(
        problem.shortDescription(),
        body.toString(),
        orNone(problem.category(), "general"),
        Audience.AGENTS.name(),
        null,
        problem.number());
  }

  private static String orNone(final String text, final String otherwise) {
    return text == null || text.isBlank() ? otherwise : text;
  }

  /** Each problem by field name; empty when the article can be saved. */
  Map<String, String> problems() {
    final Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "title", title, TITLE);
    required(problems, "body", body, BODY);
    required(problems, "category", category, CATEGORY);
    try {
      Audience.parse(audience);
    } catch (IllegalArgumentException wrong) {
      problems.put("audience", wrong.getMessage());
    }
    return problems;
  }

  /** The draft; only after {@link #problems()} found none. */
  ArticleDraft draft() {
    return new ArticleDraft(title.strip(), body, category.strip(), Audience.parse(audience));
  }

  private static void required(
      final Map<String, String> problems, final String field, final String value, final int max) {
    if (value == null || value.isBlank()) {
      problems.put(field, "is required");
    } else if (value.length() > max) {
      problems.put(field, "is too long: " + value.length() + " characters, at most " + max);
    }
  }
}
