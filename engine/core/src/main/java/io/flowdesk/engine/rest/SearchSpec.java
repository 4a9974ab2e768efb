package io.flowdesk.engine.rest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search endpoint searches: the rows ({@code FROM} and joins), the properties that can be
 * filtered and sorted, and how a row becomes a result item.
 *
 * @param entity what the items are, for messages ("process instances")
 * @param from the FROM clause with its joins
 * @param fields the searchable properties, by name
 * @param tieBreaker the SQL expression that orders rows uniquely (the key)
 * @param item turns a row (selected columns: the fields' SQL, in field order) into a result item
 */
record SearchSpec(
    String entity,
    String from,
    Map<String, SearchField> fields,
    String tieBreaker,
    ItemMapper item) {

  /** Turns the current row into a result item. */
  @FunctionalInterface
  interface ItemMapper {
    Map<String, Object> map(Row row) throws SQLException;
  }

  /** A result row read by property name. */
  record Row(ResultSet rs, Map<String, Integer> columns) {

    Object get(final String field) throws SQLException {
      return rs.getObject(columns.get(field));
    }

    String key(final String field) throws SQLException {
      final long value = rs.getLong(columns.get(field));
      return rs.wasNull() ? null : Keys.format(value);
    }

    String text(final String field) throws SQLException {
      return rs.getString(columns.get(field));
    }

    Integer integer(final String field) throws SQLException {
      final int value = rs.getInt(columns.get(field));
      return rs.wasNull() ? null : value;
    }

    Boolean bool(final String field) throws SQLException {
      final boolean value = rs.getBoolean(columns.get(field));
      return rs.wasNull() ? null : value;
    }

    String date(final String field) throws SQLException {
      return RestDates.format(rs.getTimestamp(columns.get(field)));
    }
  }

  static SearchSpec of(
      final String entity,
      final String from,
      final String tieBreaker,
      final List<SearchField> fields,
      final ItemMapper item) {
    final Map<String, SearchField> byName = new LinkedHashMap<>();
    fields.forEach(field -> byName.put(field.name(), field));
    return new SearchSpec(entity, from, byName, tieBreaker, item);
  }
}
