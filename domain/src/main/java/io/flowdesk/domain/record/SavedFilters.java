package io.flowdesk.domain.record;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's named filters of a record list (table {@code domain.saved_filter}): the list's query
 * string under a name, one per name (saving a name again replaces its query). Only the owner sees
 * and deletes them.
 */
public class SavedFilters {

  /** A saved filter: {@code query} is the list page's query string, without a leading "?". */
  public record SavedFilter(long id, String name, String query) {}

  public static final int MAX_NAME = 80;
  public static final int MAX_QUERY = 2000;

  private final JdbcClient jdbc;

  public SavedFilters(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public List<SavedFilter> of(final String owner, final String list) {
    return jdbc.sql(
            "SELECT id, name, query FROM domain.saved_filter WHERE owner = :owner AND list = :list"
                + " ORDER BY lower(name), id")
        .param("owner", owner)
        .param("list", list)
        .query((row, n) -> new SavedFilter(row.getLong(1), row.getString(2), row.getString(3)))
        .list();
  }

  /**
   * @throws IllegalArgumentException an empty or too long name or query
   */
  public void save(final String owner, final String list, final String name, final String query) {
    Objects.requireNonNull(owner, "owner");
    final String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
      throw new IllegalArgumentException("a filter's name has 1 to " + MAX_NAME + " characters");
    }
    if (query == null || query.length() > MAX_QUERY) {
      throw new IllegalArgumentException("a filter is at most " + MAX_QUERY + " characters");
    }
    jdbc.sql(
            "INSERT INTO domain.saved_filter (owner, list, name, query)"
                + " VALUES (:owner, :list, :name, :query)"
                + " ON CONFLICT (owner, list, name) DO UPDATE SET query = EXCLUDED.query")
        .param("owner", owner)
        .param("list", list)
        .param("name", trimmed)
        .param("query", query)
        .update();
  }

  /** Deletes the owner's filter {@code id}; someone else's is left alone. */
  public boolean delete(final String owner, final long id) {
    return jdbc.sql("DELETE FROM domain.saved_filter WHERE id = :id AND owner = :owner")
            .param("id", id)
            .param("owner", owner)
            .update()
        == 1;
  }
}
