package io.flowdesk.domain.knowledge;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordKindRecords;
import io.flowdesk.domain.record.RecordText;
import io.flowdesk.domain.record.Rows;
import io.flowdesk.domain.record.TransitionRefusedException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Knowledge articles: written as a draft, submitted for review, published (each publish a version,
 * which readers see while the next draft is written), retired. Numbers (KB0000001), audit trail,
 * journal, attachments and once-per-job changes are the shared {@link RecordCore}'s. Plain SQL:
 * search ({@link KnowledgeSearch}) reads the same row through PostgreSQL's full-text index. Every
 * method is one transaction (joining a surrounding one); a failed call writes nothing.
 */
public class KnowledgeArticles implements RecordKindRecords {

  static final int TITLE = 160;
  static final int BODY = 50_000;

  private static final String COLUMNS =
      "id, number, title, body, category, audience, state, author, review_comment,"
          + " source_incident, source_problem, process_instance_key, published_version,"
          + " published_title, published_body, published_category, published_audience,"
          + " published_at, created_at, updated_at";

  private final JdbcClient jdbc;
  private final RecordCore core;

  public KnowledgeArticles(
      final DataSource dataSource, final PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(dataSource);
    this.core =
        new RecordCore(
            dataSource,
            transactionManager,
            RecordKind.KNOWLEDGE,
            id -> new ArticleNotFoundException(String.valueOf(id)));
  }

  @Override
  public RecordCore core() {
    return core;
  }

  /**
   * Writes a new article as a draft with the next number (KB0000001, ...), optionally from the
   * incident or problem it was written from.
   *
   * @throws IllegalArgumentException naming the field that is missing or too long
   */
  public Article write(
      final ArticleDraft draft,
      final String sourceIncident,
      final String sourceProblem,
      final Actor actor) {
    RecordText.requireActor(actor);
    validate(draft);
    RecordText.optional("sourceIncident", sourceIncident, 20);
    RecordText.optional("sourceProblem", sourceProblem, 20);
    return core.inTransaction(
        () -> {
          final String number = core.nextNumber();
          final long id =
              jdbc.sql(
                      "INSERT INTO domain.knowledge_article (number, title, body, category,"
                          + " audience, state, author, source_incident, source_problem) VALUES"
                          + " (:number, :title, :body, :category, :audience, 'DRAFT', :author,"
                          + " :incident, :problem) RETURNING id")
                  .param("number", number)
                  .param("title", draft.title().strip())
                  .param("body", draft.body())
                  .param("category", draft.category().strip())
                  .param("audience", draft.audience().name())
                  .param("author", actor.actor())
                  .param("incident", sourceIncident)
                  .param("problem", sourceProblem)
                  .query(Long.class)
                  .single();
          core.audit().record(id, actor, "number", null, number);
          core.audit().record(id, actor, "state", null, ArticleState.DRAFT.name());
          core.audit().record(id, actor, "audience", null, draft.audience().name());
          if (sourceIncident != null) {
            core.audit().record(id, actor, "sourceIncident", null, sourceIncident);
          }
          if (sourceProblem != null) {
            core.audit().record(id, actor, "sourceProblem", null, sourceProblem);
          }
          return require(id);
        });
  }

  /**
   * Changes the draft. A published article becomes a Draft again; readers keep its published
   * version until the next publish.
   *
   * @throws TransitionRefusedException while in review or once retired
   */
  public Article edit(final long id, final ArticleDraft draft, final Actor actor) {
    RecordText.requireActor(actor);
    validate(draft);
    return core.inTransaction(
        () -> {
          final Article before = lock(id);
          if (!before.editable()) {
            throw refused(before, ArticleState.DRAFT);
          }
          jdbc.sql(
                  "UPDATE domain.knowledge_article SET title = :title, body = :body, category ="
                      + " :category, audience = :audience, state = 'DRAFT', updated_at = now(),"
                      + " version = version + 1 WHERE id = :id")
              .param("title", draft.title().strip())
              .param("body", draft.body())
              .param("category", draft.category().strip())
              .param("audience", draft.audience().name())
              .param("id", id)
              .update();
          auditChange(id, actor, "title", before.title(), draft.title().strip());
          auditChange(id, actor, "category", before.category(), draft.category().strip());
          auditChange(id, actor, "audience", before.audience().name(), draft.audience().name());
          if (!before.body().equals(draft.body())) {
            core.audit().record(id, actor, "body", null, RecordText.summary(draft.body()));
          }
          auditChange(id, actor, "state", before.state().name(), ArticleState.DRAFT.name());
          return require(id);
        });
  }

  /**
   * Draft → In review (the review model is started by the caller and recorded with {@link
   * #started}).
   */
  public Article submit(final long id, final Actor actor) {
    return move(id, ArticleState.DRAFT, ArticleState.IN_REVIEW, actor, () -> {});
  }

  /** Records the review's process instance. */
  public Article started(final long id, final long processInstanceKey, final Actor actor) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          lock(id);
          jdbc.sql(
                  "UPDATE domain.knowledge_article SET process_instance_key = :key, updated_at ="
                      + " now() WHERE id = :id")
              .param("key", processInstanceKey)
              .param("id", id)
              .update();
          core.audit()
              .record(id, actor, "processInstance", null, String.valueOf(processInstanceKey));
          return require(id);
        });
  }

  /**
   * In review → Published: the draft becomes the next version, which readers see from now on. A
   * job's publish applies once per job key.
   */
  public Article publish(final long id, final Actor actor) {
    return move(
        id,
        ArticleState.IN_REVIEW,
        ArticleState.PUBLISHED,
        actor,
        () -> {
          final int version =
              jdbc.sql(
                      "UPDATE domain.knowledge_article SET published_version ="
                          + " coalesce(published_version, 0) + 1, published_title = title,"
                          + " published_body = body, published_category = category,"
                          + " published_audience = audience, published_at = now(), review_comment"
                          + " = NULL WHERE id = :id RETURNING published_version")
                  .param("id", id)
                  .query(Integer.class)
                  .single();
          jdbc.sql(
                  "INSERT INTO domain.knowledge_article_version (article_id, version, title, body,"
                      + " category, audience, author, published_by) SELECT id, :version, title,"
                      + " body, category, audience, author, :by FROM domain.knowledge_article"
                      + " WHERE id = :id")
              .param("version", version)
              .param("by", actor.actor())
              .param("id", id)
              .update();
          core.audit().record(id, actor, "publishedVersion", null, String.valueOf(version));
        });
  }

  /**
   * In review → Draft with the reviewer's reason, which the author reads on the article and in its
   * journal.
   *
   * @throws IllegalArgumentException without a comment
   */
  public Article reject(final long id, final String comment, final Actor actor) {
    RecordText.required("comment", comment, RecordText.LONG_TEXT);
    return move(
        id,
        ArticleState.IN_REVIEW,
        ArticleState.DRAFT,
        actor,
        () -> {
          jdbc.sql("UPDATE domain.knowledge_article SET review_comment = :comment WHERE id = :id")
              .param("comment", comment.strip())
              .param("id", id)
              .update();
          core.addJournalEntry(id, JournalKind.COMMENT, "Review: " + comment.strip(), actor);
        });
  }

  /** In review → Draft when its review could not start (as if it had never been submitted). */
  public Article withdrawReview(final long id, final Actor actor) {
    return move(id, ArticleState.IN_REVIEW, ArticleState.DRAFT, actor, () -> {});
  }

  /** Draft or Published → Retired: no longer found or shown to readers. */
  public Article retire(final long id, final Actor actor) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final Article before = lock(id);
          if (!before.editable()) {
            throw refused(before, ArticleState.RETIRED);
          }
          setState(id, before, ArticleState.RETIRED, actor);
          return require(id);
        });
  }

  private Article move(
      final long id,
      final ArticleState from,
      final ArticleState to,
      final Actor actor,
      final Runnable alsoDo) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final Article before = lock(id);
          if (actor.jobKey() != null && !core.firstApplicationOf(id, actor.jobKey())) {
            return before;
          }
          if (before.state() != from) {
            throw refused(before, to);
          }
          setState(id, before, to, actor);
          alsoDo.run();
          return require(id);
        });
  }

  private void setState(
      final long id, final Article before, final ArticleState to, final Actor actor) {
    jdbc.sql(
            "UPDATE domain.knowledge_article SET state = :state, updated_at = now(), version ="
                + " version + 1 WHERE id = :id")
        .param("state", to.name())
        .param("id", id)
        .update();
    core.audit().record(id, actor, "state", before.state().name(), to.name());
  }

  /**
   * Links the article to an incident (the incident page lists it); linking twice changes nothing.
   */
  public void linkIncident(final long id, final String incidentNumber, final Actor actor) {
    RecordText.requireActor(actor);
    if (!RecordKind.INCIDENT.numbers(incidentNumber)) {
      throw new IllegalArgumentException(
          "incident '" + incidentNumber + "' is not an incident number (INC and 7 digits)");
    }
    core.inTransaction(
        () -> {
          core.touch(id);
          final int added =
              jdbc.sql(
                      "INSERT INTO domain.knowledge_article_incident (article_id, incident_number,"
                          + " linked_by) VALUES (:id, :incident, :by) ON CONFLICT DO NOTHING")
                  .param("id", id)
                  .param("incident", incidentNumber)
                  .param("by", actor.actor())
                  .update();
          if (added == 1) {
            core.audit().record(id, actor, "incident", null, incidentNumber);
          }
          return null;
        });
  }

  /** The articles linked to the incident, by number. */
  public List<Article> linkedTo(final String incidentNumber) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.knowledge_article a JOIN domain.knowledge_article_incident l ON"
                + " l.article_id = a.id WHERE l.incident_number = :incident ORDER BY a.number")
        .param("incident", incidentNumber)
        .query(KnowledgeArticles::article)
        .list();
  }

  /** The incidents the article is linked to, by number. */
  public List<String> incidents(final long id) {
    return jdbc.sql(
            "SELECT incident_number FROM domain.knowledge_article_incident WHERE article_id = :id"
                + " ORDER BY incident_number")
        .param("id", id)
        .query(String.class)
        .list();
  }

  /** Counts one "This solved it" of {@code username} for a readable article. */
  public void solved(final long id, final String username) {
    RecordText.required("username", username, RecordText.NAME);
    final Article article = require(id);
    if (!article.readable()) {
      throw new TransitionRefusedException("article", article.number(), article.state(), "solved");
    }
    jdbc.sql("INSERT INTO domain.knowledge_article_solved (article_id, username) VALUES (:id, :u)")
        .param("id", id)
        .param("u", username)
        .update();
  }

  /** How often the article solved somebody's issue in the portal. */
  public long solvedCount(final long id) {
    return jdbc.sql("SELECT count(*) FROM domain.knowledge_article_solved WHERE article_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  /** Its publishes, newest first. */
  public List<ArticleVersion> versions(final long id) {
    return jdbc.sql(
            "SELECT version, title, category, audience, author, published_by, published_at FROM"
                + " domain.knowledge_article_version WHERE article_id = :id ORDER BY version DESC")
        .param("id", id)
        .query(
            (row, n) ->
                new ArticleVersion(
                    row.getInt("version"),
                    row.getString("title"),
                    row.getString("category"),
                    Audience.valueOf(row.getString("audience")),
                    row.getString("author"),
                    row.getString("published_by"),
                    Rows.instant(row, "published_at")))
        .list();
  }

  /** Articles whose draft is being written or reviewed, most recently changed first. */
  public List<Article> unpublishedDrafts(final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.knowledge_article WHERE state IN ('DRAFT', 'IN_REVIEW') ORDER BY"
                + " updated_at DESC, id DESC LIMIT :limit")
        .param("limit", limit)
        .query(KnowledgeArticles::article)
        .list();
  }

  /**
   * The articles whose review these process instances are, by process instance key (the inbox's
   * record context): one query, as an article keeps its latest review's instance key.
   */
  public Map<Long, Article> byProcessInstanceKeys(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Map<Long, Article> found = new HashMap<>();
    jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.knowledge_article WHERE process_instance_key IN (:keys)")
        .param("keys", processInstanceKeys)
        .query(KnowledgeArticles::article)
        .list()
        .forEach(article -> found.put(article.processInstanceKey(), article));
    return found;
  }

  public Optional<Article> find(final long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.knowledge_article WHERE id = :id")
        .param("id", id)
        .query(KnowledgeArticles::article)
        .optional();
  }

  public Optional<Article> findByNumber(final String number) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.knowledge_article WHERE number = :number")
        .param("number", number)
        .query(KnowledgeArticles::article)
        .optional();
  }

  private Article require(final long id) {
    return find(id).orElseThrow(() -> new ArticleNotFoundException(String.valueOf(id)));
  }

  private Article lock(final long id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM domain.knowledge_article WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(KnowledgeArticles::article)
        .optional()
        .orElseThrow(() -> new ArticleNotFoundException(String.valueOf(id)));
  }

  private void auditChange(
      final long id, final Actor actor, final String field, final String from, final String to) {
    if (!Objects.equals(from, to)) {
      core.audit().record(id, actor, field, from, to);
    }
  }

  private static TransitionRefusedException refused(final Article article, final ArticleState to) {
    return new TransitionRefusedException(
        "article", article.number(), article.state().label(), to.label());
  }

  private static void validate(final ArticleDraft draft) {
    if (draft == null) {
      throw new IllegalArgumentException("article is missing");
    }
    RecordText.required("title", draft.title(), TITLE);
    RecordText.required("body", draft.body(), BODY);
    RecordText.required("category", draft.category(), RecordText.NAME);
    if (draft.audience() == null) {
      throw new IllegalArgumentException("audience is required: PUBLIC or AGENTS");
    }
  }

  static Article article(final ResultSet row, final int n) throws SQLException {
    final Integer version = (Integer) row.getObject("published_version");
    final Article.PublishedVersion published =
        version == null
            ? null
            : new Article.PublishedVersion(
                version,
                row.getString("published_title"),
                row.getString("published_body"),
                row.getString("published_category"),
                Audience.valueOf(row.getString("published_audience")),
                Rows.instant(row, "published_at"));
    return new Article(
        row.getLong("id"),
        row.getString("number"),
        row.getString("title"),
        row.getString("body"),
        row.getString("category"),
        Audience.valueOf(row.getString("audience")),
        ArticleState.valueOf(row.getString("state")),
        row.getString("author"),
        row.getString("review_comment"),
        row.getString("source_incident"),
        row.getString("source_problem"),
        Rows.longOrNull(row, "process_instance_key"),
        published,
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"));
  }
}
