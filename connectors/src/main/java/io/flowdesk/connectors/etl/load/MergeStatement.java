package io.flowdesk.connectors.etl.load;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one statement that moves staged rows into the target: de-duplicated with {@code DISTINCT ON}
 * (a sort, not a hash table in the JVM) and inserted, skipping or updating existing keys.
 */
final class MergeStatement {

  private MergeStatement() {}

  /**
   * Builds the merge. For keyed loads it answers one row {@code (inserted, updated)}, telling new
   * rows from updated ones by {@code xmax = 0} (a freshly inserted row version has no deleter).
   */
  static String sql(
      final PostgresTarget target,
      final List<String> columns,
      final String staging,
      final String lineColumn) {
    final String targetName = SqlIdentifier.qualified(target.schema(), target.table());
    final String columnList = list(columns);
    final StringBuilder select = new StringBuilder("SELECT ");
    if (target.dedupe() != Dedupe.NONE) {
      select.append("DISTINCT ON (").append(list(target.key())).append(") ");
    }
    select.append(columnList).append(" FROM ").append(staging);
    if (target.dedupe() != Dedupe.NONE) {
      select
          .append(" ORDER BY ")
          .append(list(target.key()))
          .append(", ")
          .append(SqlIdentifier.quote(lineColumn))
          .append(target.dedupe() == Dedupe.LAST_WINS ? " DESC" : " ASC");
    }
    final String insert = "INSERT INTO " + targetName + " AS t (" + columnList + ") " + select;
    if (target.key().isEmpty()) {
      return insert;
    }
    final List<String> updated =
        columns.stream().filter(column -> !target.key().contains(column)).toList();
    final String conflict;
    if (target.mode() == LoadMode.UPSERT && !updated.isEmpty()) {
      conflict =
          " ON CONFLICT ("
              + list(target.key())
              + ") DO UPDATE SET "
              + updated.stream()
                  .map(SqlIdentifier::quote)
                  .map(column -> column + " = EXCLUDED." + column)
                  .collect(Collectors.joining(", "));
    } else {
      conflict = " ON CONFLICT (" + list(target.key()) + ") DO NOTHING";
    }
    return "WITH merged AS ("
        + insert
        + conflict
        + " RETURNING (t.xmax = 0) AS inserted)"
        + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
        + " FROM merged";
  }

  private static String list(final List<String> columns) {
    return columns.stream().map(SqlIdentifier::quote).collect(Collectors.joining(", "));
  }
}
