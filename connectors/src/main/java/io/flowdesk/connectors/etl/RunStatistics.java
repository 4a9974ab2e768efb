package io.flowdesk.connectors.etl;

import java.time.Duration;
import java.util.Optional;

/**
 * What one ETL run did.
 *
 * @param rowsRead records taken from the source
 * @param rowsFiltered records a filter left out
 * @param rowsRejected records sent to the reject sink (bad values, failed checks, malformed rows)
 * @param rowsStaged records copied to the staging table, before de-duplication
 * @param rowsInserted target rows that did not exist before the run
 * @param rowsUpdated existing target rows overwritten by the run (upserts only)
 * @param duration wall-clock time of the run
 * @param newWatermark the highest watermark read, or the previous one when nothing new was read;
 *     {@code null} for sources without a watermark. Store it only once the run returned.
 */
public record RunStatistics(
    long rowsRead,
    long rowsFiltered,
    long rowsRejected,
    long rowsStaged,
    long rowsInserted,
    long rowsUpdated,
    Duration duration,
    Object newWatermark) {

  /** Rows inserted or updated in the target. */
  public long rowsWritten() {
    return rowsInserted + rowsUpdated;
  }

  /** The watermark to pass to the next incremental run, if the source has one. */
  public Optional<Object> watermark() {
    return Optional.ofNullable(newWatermark);
  }
}
