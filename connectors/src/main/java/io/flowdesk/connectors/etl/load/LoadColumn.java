package io.flowdesk.connectors.etl.load;

/**
 * A column the run writes.
 *
 * @param name its name in the target
 * @param sqlType the PostgreSQL type to create it with if the target lacks it and columns may be
 *     added; a fixed type name, never user text
 * @param valueClass the Java class every non-null value of the column has ({@code Object} when it
 *     varies); when it matches the staging column's type the rows travel in PostgreSQL's binary
 *     copy format, which spares the database parsing the text of every value
 */
public record LoadColumn(String name, String sqlType, Class<?> valueClass) {

  /** A column whose values may be of any class. */
  public LoadColumn(final String name, final String sqlType) {
    this(name, sqlType, Object.class);
  }
}
