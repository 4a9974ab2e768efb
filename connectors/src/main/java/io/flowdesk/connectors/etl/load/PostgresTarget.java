package io.flowdesk.connectors.etl.load;

import java.util.List;

/**
 * The PostgreSQL table a run loads into, and how.
 *
 * @param schema the table's schema
 * @param table the table's name
 * @param key the columns identifying a row; the table needs a unique constraint or index on exactly
 *     them. Empty for an append-only insert.
 * @param mode insert-only or upsert
 * @param dedupe which duplicate wins within one run's input; {@link Dedupe#NONE} exactly when there
 *     is no key
 * @param addMissingColumns whether source columns the table lacks are added to it ({@code ALTER
 *     TABLE ... ADD COLUMN}); otherwise they fail the run
 */
public record PostgresTarget(
    String schema,
    String table,
    List<String> key,
    LoadMode mode,
    Dedupe dedupe,
    boolean addMissingColumns) {

  public PostgresTarget {
    key = List.copyOf(key);
    if (mode == LoadMode.UPSERT && key.isEmpty()) {
      throw new IllegalArgumentException("an upsert into " + table + " needs key columns");
    }
    if (dedupe != Dedupe.NONE && key.isEmpty()) {
      throw new IllegalArgumentException("de-duplication in " + table + " needs key columns");
    }
    if (dedupe == Dedupe.NONE && !key.isEmpty()) {
      throw new IllegalArgumentException(
          "a keyed load into " + table + " needs FIRST_WINS or LAST_WINS de-duplication");
    }
  }

  /** Insert-only into {@code schema.table}, no key, no schema changes. */
  public static PostgresTarget table(final String schema, final String table) {
    return new PostgresTarget(schema, table, List.of(), LoadMode.INSERT_ONLY, Dedupe.NONE, false);
  }

  /** Upserts on {@code keyColumns}, the last duplicate in the input winning. */
  public PostgresTarget upsertOn(final String... keyColumns) {
    return new PostgresTarget(
        schema, table, List.of(keyColumns), LoadMode.UPSERT, Dedupe.LAST_WINS, addMissingColumns);
  }

  /** Inserts rows whose {@code keyColumns} are new and skips the others. */
  public PostgresTarget insertNewOn(final String... keyColumns) {
    return new PostgresTarget(
        schema,
        table,
        List.of(keyColumns),
        LoadMode.INSERT_ONLY,
        Dedupe.LAST_WINS,
        addMissingColumns);
  }

  public PostgresTarget deduplicating(final Dedupe newDedupe) {
    return new PostgresTarget(schema, table, key, mode, newDedupe, addMissingColumns);
  }

  public PostgresTarget addingMissingColumns(final boolean add) {
    return new PostgresTarget(schema, table, key, mode, dedupe, add);
  }

  /** {@code schema.table} as written in messages. */
  public String displayName() {
    return schema + "." + table;
  }
}
