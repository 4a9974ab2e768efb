package io.flowdesk.connectors.etl.load;

/** How staged rows are merged into the target. */
public enum LoadMode {
  /**
   * Inserts rows. With key columns, rows whose key already exists in the target are skipped;
   * without, every row is inserted and a constraint violation fails the run.
   */
  INSERT_ONLY,
  /** Inserts new keys and overwrites the non-key columns of existing ones. Needs key columns. */
  UPSERT
}
