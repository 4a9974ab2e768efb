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
    BOOLEAN,
    /**
     * A JSON array of strings held as text; a filter value matches when the array contains it
     * (Camunda's {@code candidateGroup}: "the task has this candidate group").
     */
    TEXT_LIST,
    /**
     * The texts of related rows, matched as {@link #TEXT_LIST} is but as {@code EXISTS} over those
     * rows, which PostgreSQL plans as one semi-join instead of a list built for each row. The SQL
     * names the rows and ends in the text, for the filter to complete with its comparison: {@code
     * engine.element_instance e WHERE e.process_instance_key = p.key AND e.element_id}. Not in
     * results and not sortable.
     */
    TEXT_SET,
    /**
     * Variables of a scope, filtered as a list of {@code {name, value}}, the value being the
     * variable's JSON text with the text operators; the SQL names the scope key column.
     */
    VARIABLES
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

  static SearchField textList(final String name, final String sql) {
    return new SearchField(name, sql, Kind.TEXT_LIST, true);
  }

  /** Texts of related rows: {@code rowsAndText} as {@link Kind#TEXT_SET} describes. */
  static SearchField textSet(final String name, final String rowsAndText) {
    return new SearchField(name, rowsAndText, Kind.TEXT_SET, true);
  }

  /** Filters by variables of the scope whose key {@code scopeKeySql} yields. */
  static SearchField variables(final String name, final String scopeKeySql) {
    return new SearchField(name, scopeKeySql, Kind.VARIABLES, true);
  }

  static SearchField bool(final String name, final String sql) {
    return new SearchField(name, sql, Kind.BOOLEAN, true);
  }
}
