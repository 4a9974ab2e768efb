package io.flowdesk.domain.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading the column types records share. */
public final class Rows {

  private Rows() {}

  public static Instant instant(final ResultSet row, final String column) throws SQLException {
    final OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static Long longOrNull(final ResultSet row, final String column) throws SQLException {
    final long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
