package io.flowdesk.connectors.etl.extract;

/**
 * A query to read incrementally from a JDBC database.
 *
 * @param sql a SELECT whose result has a column named {@code watermarkColumn}; it is wrapped as a
 *     sub-query, so it must not end with ORDER BY ... LIMIT semantics the wrapper would change
 * @param watermarkColumn column whose growing value marks new rows, or {@code null} to read all
 * @param lastWatermark the watermark of the previous run; only rows above it are read, in ascending
 *     watermark order. {@code null} reads every row with a watermark.
 * @param fetchSize rows fetched per round trip; the driver holds no more than this in memory
 */
public record JdbcQuery(String sql, String watermarkColumn, Object lastWatermark, int fetchSize) {

  public JdbcQuery {
    if (fetchSize <= 0) {
      throw new IllegalArgumentException("fetch size must be positive");
    }
  }

  /** Reads every row of {@code sql}, 1000 rows per round trip. */
  public static JdbcQuery all(final String sql) {
    return new JdbcQuery(sql, null, null, 1000);
  }

  /** Reads the rows of {@code sql} whose {@code watermarkColumn} is above {@code lastWatermark}. */
  public static JdbcQuery incremental(
      final String sql, final String watermarkColumn, final Object lastWatermark) {
    return new JdbcQuery(sql, watermarkColumn, lastWatermark, 1000);
  }

  public JdbcQuery fetching(final int newFetchSize) {
    return new JdbcQuery(sql, watermarkColumn, lastWatermark, newFetchSize);
  }
}
