package io.flowdesk.domain.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The records one person raised, of every kind, in one list (the portal's "My requests"): the
 * incidents they reported and the requests they ordered or that were ordered for them, most
 * recently updated first.
 *
 * <p>One statement answers a page and the total: each kind's newest rows come from its (person,
 * updated_at) index (V16), only as many as the page needs, and are merged and cut in SQL, so a
 * person with thousands of records costs what one page costs.
 */
public final class OwnRecords {

  /** One line of the list; {@code state} is the kind's state name (e.g. {@code IN_PROGRESS}). */
  public record Row(
      RecordKind kind, String number, String title, String state, Instant updatedAt) {}

  private final JdbcClient jdbc;

  public OwnRecords(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Page {@code page} (from 0, {@code size} rows) of {@code username}'s records.
   *
   * @param states the kinds to list ({@link RecordKind#INCIDENT}, {@link RecordKind#REQUEST}), each
   *     with the state names to keep; an empty set keeps every state
   * @throws IllegalArgumentException a kind this list does not know
   */
  public Page<Row> of(
      final String username,
      final Map<RecordKind, ? extends Collection<String>> states,
      final int page,
      final int size) {
    final PageRequest request = PageRequest.of(page, size);
    if (states.isEmpty()) {
      return Page.empty(request);
    }
    final MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("username", username)
            .addValue("head", request.getOffset() + size)
            .addValue("offset", request.getOffset())
            .addValue("size", size);
    final List<String> heads = new ArrayList<>();
    final List<String> counts = new ArrayList<>();
    states.forEach(
        (kind, kept) -> {
          final String state = stateFilter(kind, kept, parameters);
          for (final Source source : sources(kind)) {
            heads.add(source.head(state));
            counts.add(source.count(state));
          }
        });
    final String sql =
        "SELECT total.n AS total, own.* FROM (SELECT "
            + String.join(" + ", counts)
            + " AS n) total LEFT JOIN LATERAL (SELECT * FROM ("
            + String.join(" UNION ALL ", heads)
            + ") heads ORDER BY updated_at DESC, number DESC LIMIT :size OFFSET :offset) own"
            + " ON true ORDER BY own.updated_at DESC, own.number DESC";
    final List<Row> rows = new ArrayList<>();
    final long[] total = {0};
    jdbc.sql(sql)
        .paramSource(parameters)
        .query(
            (ResultSet row) -> {
              total[0] = row.getLong("total");
              if (row.getString("number") != null) {
                rows.add(row(row));
              }
            });
    return new PageImpl<>(rows, request, total[0]);
  }

  /**
   * Where some of one kind's rows for a person are: a table, the column naming the person, and a
   * condition that keeps the sources of a kind apart (each row in exactly one source).
   */
  private record Source(RecordKind kind, String person, String title, String only) {

    /** The newest rows a page can need, in the order of the source's index. */
    String head(final String state) {
      return "(SELECT '"
          + kind.prefix()
          + "' AS prefix, number, "
          + title
          + " AS title, state, updated_at FROM "
          + where(state)
          + " ORDER BY updated_at DESC, number DESC LIMIT :head)";
    }

    String count(final String state) {
      return "(SELECT count(*) FROM " + where(state) + ")";
    }

    private String where(final String state) {
      return kind.mainTable() + " WHERE " + person + " = :username" + only + state;
    }
  }

  private static List<Source> sources(final RecordKind kind) {
    if (kind.equals(RecordKind.INCIDENT)) {
      return List.of(new Source(kind, "caller", "short_description", ""));
    }
    if (kind.equals(RecordKind.REQUEST)) {
      // Ordered for oneself: the requester's source has it. The other source's condition is the
      // predicate of its partial index (V16), which holds only the requests ordered for others.
      return List.of(
          new Source(kind, "requester", "title", ""),
          new Source(kind, "requested_for", "title", " AND requested_for <> requester"));
    }
    throw new IllegalArgumentException("My requests lists no " + kind.noun() + " records");
  }

  private static String stateFilter(
      final RecordKind kind,
      final Collection<String> kept,
      final MapSqlParameterSource parameters) {
    sources(kind); // refuses an unknown kind before any SQL is made
    if (kept == null || kept.isEmpty()) {
      return "";
    }
    final String name = kind.table() + "_states";
    parameters.addValue(name, Set.copyOf(kept));
    return " AND state IN (:" + name + ")";
  }

  private static Row row(final ResultSet row) throws SQLException {
    final String prefix = row.getString("prefix");
    return new Row(
        RecordKind.INCIDENT.prefix().equals(prefix) ? RecordKind.INCIDENT : RecordKind.REQUEST,
        row.getString("number"),
        row.getString("title"),
        row.getString("state"),
        Rows.instant(row, "updated_at"));
  }
}
