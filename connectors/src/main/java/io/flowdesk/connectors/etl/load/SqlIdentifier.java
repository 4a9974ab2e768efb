package io.flowdesk.connectors.etl.load;

import io.flowdesk.connectors.etl.EtlException;
import java.nio.charset.StandardCharsets;

/**
 * Quotes PostgreSQL identifiers, so that any column or table name, however odd, is only ever a
 * name: embedded double quotes are doubled and nothing else in a quoted identifier is special.
 */
public final class SqlIdentifier {

  /** PostgreSQL silently truncates longer names, which could merge two distinct columns. */
  private static final int MAX_BYTES = 63;

  private SqlIdentifier() {}

  /**
   * Answers {@code name} as a quoted identifier.
   *
   * @throws EtlException for an empty name, one with a NUL character or one over 63 bytes
   */
  public static String quote(final String name) {
    if (name == null || name.isEmpty()) {
      throw new EtlException("An empty name cannot be a table or column name");
    }
    if (name.indexOf('\0') >= 0) {
      throw new EtlException("Name '" + name.replace('\0', '?') + "' contains a NUL character");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new EtlException(
          "Name '" + name + "' is longer than PostgreSQL's " + MAX_BYTES + " bytes");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."table"}. */
  public static String qualified(final String schema, final String table) {
    return quote(schema) + "." + quote(table);
  }
}
