package io.flowdesk.engine.state;

import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Folds the signed changes that writers append to the counts kept ahead (migration 19: {@code
 * element_count_change}, {@code instance_count_change}) into the totals, so that a read adds a
 * handful of change rows to the totals instead of a definition's whole history. Writers append
 * rather than update, so that instances of one definition do not queue behind one row lock; only
 * this compaction updates totals. Each step is one statement (it sees one snapshot: changes that
 * are not committed yet stay for the next run), and two engines on one database fold disjoint
 * changes.
 */
public final class CountCompaction {

  private static final int BATCH = 10_000;

  private static final String FOLD =
      "WITH folded AS (DELETE FROM engine.%1$s_change WHERE ctid = ANY(ARRAY("
          + "SELECT ctid FROM engine.%1$s_change LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING *),"
          + " totals AS (INSERT INTO engine.%1$s SELECT %2$s, %3$s FROM folded GROUP BY %2$s"
          + " ORDER BY %2$s ON CONFLICT (%2$s) DO UPDATE SET %4$s RETURNING 1)"
          + " SELECT count(*) FROM folded";

  private final JdbcClient jdbc;

  public CountCompaction(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Folds every change committed so far; answers how many change rows it folded. */
  public int run() {
    return fold("element_count", "process_definition_key, element_id", "completed", "terminated")
        + fold(
            "instance_count",
            "process_definition_key",
            "active",
            "completed",
            "terminated",
            "with_incident");
  }

  private int fold(final String table, final String key, final String... counts) {
    final String sums =
        String.join(", ", Arrays.stream(counts).map(c -> "sum(" + c + ")").toList());
    final String additions =
        String.join(
            ", ",
            Arrays.stream(counts)
                .map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c)
                .toList());
    final String sql = FOLD.formatted(table, key, sums, additions);
    int folded = 0;
    int batch;
    do {
      batch = jdbc.sql(sql).param(BATCH).query(Integer.class).single();
      folded += batch;
    } while (batch == BATCH);
    return folded;
  }
}
