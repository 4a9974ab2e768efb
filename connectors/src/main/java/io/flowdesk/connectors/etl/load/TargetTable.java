package io.flowdesk.connectors.etl.load;

import io.flowdesk.connectors.etl.EtlException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A target table as the PostgreSQL catalog describes it: its columns' types and unique keys. */
final class TargetTable {

  private final Map<String, String> columnTypes;
  private final Set<String> comparable;
  private final List<Set<String>> uniqueKeys;

  private TargetTable(
      final Map<String, String> columnTypes,
      final Set<String> comparable,
      final List<Set<String>> uniqueKeys) {
    this.columnTypes = columnTypes;
    this.comparable = comparable;
    this.uniqueKeys = uniqueKeys;
  }

  /**
   * Reads the catalog entry of {@code target}.
   *
   * @throws EtlException when the table does not exist
   */
  static TargetTable read(final Connection connection, final PostgresTarget target)
      throws SQLException {
    final long oid = oid(connection, target);
    final Map<String, String> types = new LinkedHashMap<>();
    final Set<String> comparable = new HashSet<>();
    // A column is comparable when its (base) type has an equality operator; json, xml and most
    // geometric types do not, and comparing them would fail the merge.
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " ty.typtype = 'e' OR ty.typcategory = 'A' OR EXISTS (SELECT 1 FROM pg_operator o"
                + " WHERE o.oprname = '=' AND o.oprleft = coalesce(nullif(ty.typbasetype, 0), ty.oid)"
                + " AND o.oprright = o.oprleft)"
                + " FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
          if (rows.getBoolean(3)) {
            comparable.add(rows.getString(1));
          }
        }
      }
    }
    final List<Set<String>> keys = new ArrayList<>();
    // Only plain unique indexes can be named by ON CONFLICT (columns): no expressions, no
    // predicate.
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT array_agg(a.attname::text) FROM pg_index i"
                + " CROSS JOIN LATERAL unnest(i.indkey) AS k(attnum)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL"
                + " AND i.indexprs IS NULL GROUP BY i.indexrelid")) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(new HashSet<>(List.of((String[]) rows.getArray(1).getArray())));
        }
      }
    }
    return new TargetTable(types, comparable, keys);
  }

  private static long oid(final Connection connection, final PostgresTarget target)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
      statement.setString(1, target.schema());
      statement.setString(2, target.table());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new EtlException("Target table " + target.displayName() + " does not exist");
        }
        return rows.getLong(1);
      }
    }
  }

  boolean has(final String column) {
    return columnTypes.containsKey(column);
  }

  /** The column's type as PostgreSQL spells it (e.g. {@code numeric(12,2)}). */
  String type(final String column) {
    return columnTypes.get(column);
  }

  /**
   * Whether values of {@code column} can be compared with {@code IS DISTINCT FROM}; a column the
   * table does not have yet will be created with a plain, comparable type.
   */
  boolean comparable(final String column) {
    return !has(column) || comparable.contains(column);
  }

  List<String> columns() {
    return List.copyOf(columnTypes.keySet());
  }

  boolean hasUniqueKey(final List<String> key) {
    return uniqueKeys.contains(new HashSet<>(key));
  }
}
