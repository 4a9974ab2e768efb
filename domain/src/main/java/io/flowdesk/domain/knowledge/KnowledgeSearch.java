package io.flowdesk.domain.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finding readable articles (published, not retired) for a reader's audiences: PostgreSQL full-text
 * search over the published version (GIN index, title weighted above body), ranked by {@code
 * ts_rank} over a bounded set of candidates (see {@link #TITLE_CANDIDATES}); and the list by
 * category.
 *
 * <p>Any of the words matches (ranked by how many and where), and the last word also as a prefix,
 * so a portal user still typing "VPN disconn" already finds "VPN disconnects". Only letters and
 * digits reach the query: what people type can never be tsquery syntax.
 */
public class KnowledgeSearch {

  /**
   * Ranking reads each candidate's search vector, so a word in tens of thousands of articles would
   * cost that many reads: search ranks at most this many articles whose title matches and this many
   * more whose text does (any of them, as the index yields them), which keeps title hits in and the
   * time bounded; a word that common ranks its text-only hits among a sample.
   */
  static final int TITLE_CANDIDATES = 200;

  static final int TEXT_CANDIDATES = 300;

  private static final String QUERY = "to_tsquery('english'::regconfig, :query)";

  private static final String READABLE =
      "a.published_version IS NOT NULL AND a.state <> 'RETIRED'"
          + " AND a.published_audience IN (:audiences)";

  /** Words of a query taken at most; more only make the query slower, not better. */
  static final int MAX_WORDS = 12;

  private final JdbcClient jdbc;

  public KnowledgeSearch(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The best {@code limit} matches of {@code text}, best first; none for a text without words. */
  public List<ArticleHit> search(
      final String text, final Collection<Audience> audiences, final int limit) {
    final String query = tsquery(text);
    if (query.isEmpty() || audiences.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "WITH candidates AS ((SELECT a.id FROM domain.knowledge_article a"
                + " WHERE a.published_title_search @@ "
                + QUERY
                + " AND "
                + READABLE
                + " LIMIT :titleCandidates) UNION (SELECT a.id FROM domain.knowledge_article a"
                + " WHERE a.published_search @@ "
                + QUERY
                + " AND "
                + READABLE
                + " LIMIT :textCandidates))"
                + " SELECT a.id, a.number, a.published_title, a.published_category,"
                + " a.published_audience, ts_rank(a.published_search, "
                + QUERY
                + ") AS rank FROM domain.knowledge_article a JOIN candidates c ON c.id = a.id"
                + " ORDER BY rank DESC, a.published_title, a.id LIMIT :limit")
        .param("query", query)
        .param("audiences", names(audiences))
        .param("titleCandidates", TITLE_CANDIDATES)
        .param("textCandidates", TEXT_CANDIDATES)
        .param("limit", Math.max(1, limit))
        .query((row, n) -> hit(row, row.getFloat("rank")))
        .list();
  }

  /** Readable articles of one category (every category when null), by category and title. */
  public List<ArticleHit> byCategory(
      final String category, final Collection<Audience> audiences, final int limit) {
    if (audiences.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT id, number, published_title, published_category, published_audience FROM"
                + " domain.knowledge_article WHERE published_version IS NOT NULL AND state <>"
                + " 'RETIRED' AND published_audience IN (:audiences) AND (CAST(:category AS"
                + " VARCHAR) IS NULL OR published_category = :category) ORDER BY"
                + " published_category, published_title, id LIMIT :limit")
        .param("audiences", names(audiences))
        .param("category", category)
        .param("limit", Math.max(1, limit))
        .query((row, n) -> hit(row, 0f))
        .list();
  }

  /** The categories of readable articles for these audiences. */
  public List<String> categories(final Collection<Audience> audiences) {
    if (audiences.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT DISTINCT published_category FROM domain.knowledge_article WHERE"
                + " published_version IS NOT NULL AND state <> 'RETIRED' AND published_audience"
                + " IN (:audiences) ORDER BY published_category")
        .param("audiences", names(audiences))
        .query(String.class)
        .list();
  }

  /** The articles that solved the most issues in the portal, with their counts. */
  public List<Deflection> mostSolved(final int limit) {
    return jdbc.sql(
            "SELECT a.number, coalesce(a.published_title, a.title) AS title, count(*) AS solved"
                + " FROM domain.knowledge_article_solved s JOIN domain.knowledge_article a ON a.id"
                + " = s.article_id GROUP BY a.id ORDER BY solved DESC, a.number LIMIT :limit")
        .param("limit", Math.max(1, limit))
        .query((row, n) -> new Deflection(row.getString(1), row.getString(2), row.getLong(3)))
        .list();
  }

  /** How often an article solved an issue in the portal instead of a ticket. */
  public record Deflection(String number, String title, long solved) {}

  /**
   * The words of {@code text} as a tsquery text: {@code 'a' | 'b' | 'c':*}. Words are runs of
   * letters and digits, so nothing else of the input gets into the query's syntax.
   */
  static String tsquery(final String text) {
    if (text == null) {
      return "";
    }
    final List<String> words = new ArrayList<>();
    for (final String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && words.size() < MAX_WORDS) {
        words.add(word.length() > 64 ? word.substring(0, 64) : word);
      }
    }
    if (words.isEmpty()) {
      return "";
    }
    final StringBuilder query = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        query.append(" | ");
      }
      query.append('\'').append(words.get(i)).append('\'');
    }
    // Still being typed: the last word counts as the start of one too.
    return query.append(":*").toString();
  }

  private static ArticleHit hit(final java.sql.ResultSet row, final float rank)
      throws java.sql.SQLException {
    return new ArticleHit(
        row.getLong("id"),
        row.getString("number"),
        row.getString("published_title"),
        row.getString("published_category"),
        Audience.valueOf(row.getString("published_audience")),
        rank);
  }

  private static List<String> names(final Collection<Audience> audiences) {
    return audiences.stream().map(Audience::name).toList();
  }
}
