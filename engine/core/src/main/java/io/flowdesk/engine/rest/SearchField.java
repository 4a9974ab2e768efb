package io.flowdesk.engine.rest;

/**
 * A property of a searchable entity: the SQL expression that yields its API value (usable in WHERE
 * and ORDER BY), and how filter values for it are read.
 *
 * @param name the property name in filters, sorts and results
 * @param sql the SQL expression of the API value
 * @param kind how filter values are read and compared
 * @param filterable false for properties that appear in results only
 */
record SearchField(String name, String sql, Kind kind, boolean filterable) {

  /** How a filter value is read. */
  enum Kind {
    /** 64-bit keys: strings of digits (or numbers). */
    KEY,
    TEXT,
    INTEGER,
    DATE,
    BOOLEAN
  }

  static SearchField key(final String name, final String sql) {
    return new SearchField(name, sql, Kind.KEY, true);
  }

  static SearchField text(final String name, final String sql) {
    return new SearchField(name, sql, Kind.TEXT, true);
  }

  static SearchField integer(final String name, final String sql) {
    return new SearchField(name, sql, Kind.INTEGER, true);
  }

  static SearchField date(final String name, final String sql) {
    return new SearchField(name, sql, Kind.DATE, true);
  }

  static SearchField bool(final String name, final String sql) {
    return new SearchField(name, sql, Kind.BOOLEAN, true);
  }
}
