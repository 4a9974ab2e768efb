package io.flowdesk.domain.cmdb;

import java.time.Instant;
import java.util.List;

/**
 * The report of one import run. {@link Status#LOADED}: the valid rows were applied, all in one
 * transaction, and {@code rejects} lists the others; {@link Status#FAILED}: nothing was applied
 * ({@code error} says why); {@link Status#SKIPPED}: no source was configured, nothing was read.
 * {@code retireSkipped}: retiring was asked for but not done because CI rows were rejected (a CI
 * whose row was malformed is not one the source stopped reporting). {@code relationshipsRemoved}:
 * relationships the source reported before and no longer reports, removed when retiring. {@code
 * rejects} is empty in lists of runs; {@link CmdbImport#run(long)} has them.
 */
public record ImportRun(
    long id,
    String source,
    boolean retireMissing,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    int inserted,
    int updated,
    int unchanged,
    int retired,
    boolean retireSkipped,
    int relationshipsAdded,
    int relationshipsUnchanged,
    int relationshipsRemoved,
    int rejected,
    String error,
    List<ImportReject> rejects) {

  public ImportRun {
    rejects = rejects == null ? List.of() : List.copyOf(rejects);
  }

  /** How a run ended. */
  public enum Status {
    LOADED,
    FAILED,
    /** Nothing was read or changed: no source was configured; {@code error} says so. */
    SKIPPED
  }
}
