package io.flowdesk.connectors.etl.load;

/**
 * Which row wins when the input holds one key more than once. De-duplication runs in SQL during the
 * merge ({@code DISTINCT ON}), so memory stays flat whatever the number of distinct keys.
 */
public enum Dedupe {
  /** Keep every row: the only choice for a load without key, which has no duplicates to find. */
  NONE,
  /** The row read first wins. */
  FIRST_WINS,
  /** The row read last wins (the latest version of a record). */
  LAST_WINS
}
