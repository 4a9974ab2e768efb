package io.flowdesk.connectors.etl;

import io.flowdesk.connectors.etl.extract.RowSource;
import io.flowdesk.connectors.etl.extract.SourceRow;
import io.flowdesk.connectors.etl.load.LoadColumn;
import io.flowdesk.connectors.etl.load.MergeResult;
import io.flowdesk.connectors.etl.load.PostgresTarget;
import io.flowdesk.connectors.etl.load.StagedLoad;
import io.flowdesk.connectors.etl.reject.Reject;
import io.flowdesk.connectors.etl.reject.RejectSink;
import io.flowdesk.connectors.etl.reject.RejectThreshold;
import io.flowdesk.connectors.etl.transform.Outcome;
import io.flowdesk.connectors.etl.transform.OutputColumn;
import io.flowdesk.connectors.etl.transform.RowTransform;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One ETL run: rows stream from a {@link RowSource} through a {@link RowTransform} into a {@link
 * StagedLoad}, bad rows to a {@link RejectSink}. Memory use is flat in the input size: one row (and
 * the copy buffer) at a time.
 *
 * <p>The run either commits every accepted row or changes nothing in the target: a source error, a
 * database error or a reject threshold exceeded rolls the whole load back and surfaces as an {@link
 * EtlException}.
 */
public final class EtlPipeline {

  private final RowTransform transform;
  private final PostgresTarget target;
  private final RejectSink rejects;
  private final RejectThreshold threshold;

  private EtlPipeline(
      final RowTransform transform,
      final PostgresTarget target,
      final RejectSink rejects,
      final RejectThreshold threshold) {
    this.transform = transform;
    this.target = target;
    this.rejects = rejects;
    this.threshold = threshold;
  }

  /**
   * A run loading into {@code target}. Unless told otherwise it keeps every source column as it is,
   * discards rejects and fails on the first one.
   */
  public static EtlPipeline into(final PostgresTarget target) {
    return new EtlPipeline(
        RowTransform.passThrough(),
        Objects.requireNonNull(target),
        RejectSink.discard(),
        RejectThreshold.none());
  }

  public EtlPipeline transformedBy(final RowTransform newTransform) {
    return new EtlPipeline(Objects.requireNonNull(newTransform), target, rejects, threshold);
  }

  /** Sends rejects to {@code sink} and fails the run when they exceed {@code limit}. */
  public EtlPipeline rejecting(final RejectSink sink, final RejectThreshold limit) {
    return new EtlPipeline(transform, target, Objects.requireNonNull(sink), limit);
  }

  /** Runs on a connection of {@code dataSource}, closed afterwards. */
  public RunStatistics run(final RowSource source, final DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return run(source, connection);
    } catch (SQLException e) {
      throw new EtlException(
          "Cannot connect to load into " + target.displayName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs on {@code connection}, which the caller keeps: it is left open, outside any transaction,
   * in its original auto-commit mode. The run commits or rolls back on it, so hand it over with no
   * transaction of the caller's in progress. The source and the reject sink stay open too.
   */
  public RunStatistics run(final RowSource source, final Connection connection) {
    final long started = System.nanoTime();
    final RowTransform.Bound bound = transform.bind(source.columns());
    final List<LoadColumn> columns =
        bound.columns().stream()
            .map(
                column ->
                    new LoadColumn(
                        column.name(), column.type().sqlType(), column.type().valueClass()))
            .toList();
    final int[] keyIndexes =
        target.key().stream().mapToInt(key -> bound.layout().indexOf(key)).toArray();
    final Counts counts = new Counts();
    final MergeResult merged;
    try (StagedLoad load = StagedLoad.begin(connection, target, columns)) {
      while (source.hasNext()) {
        final SourceRow row = source.next();
        counts.read++;
        final String problem = stage(row, bound, keyIndexes, load, counts);
        if (problem != null) {
          reject(new Reject(row.line(), problem, row.asMap()), counts);
        }
      }
      threshold.checkPercent(counts.rejected, counts.read, counts.firstReject, rejects);
      merged = load.finish();
    } catch (RuntimeException e) {
      try {
        rejects.flush();
      } catch (RuntimeException flushFailure) {
        e.addSuppressed(flushFailure);
      }
      throw e;
    }
    rejects.flush();
    return new RunStatistics(
        counts.read,
        counts.filtered,
        counts.rejected,
        merged.staged(),
        merged.inserted(),
        merged.updated(),
        Duration.ofNanos(System.nanoTime() - started),
        source.watermark().orElse(null));
  }

  /** Stages one row; answers why it must be rejected, or null. */
  private static String stage(
      final SourceRow row,
      final RowTransform.Bound bound,
      final int[] keyIndexes,
      final StagedLoad load,
      final Counts counts) {
    if (row.defect().isPresent()) {
      return row.defect().get();
    }
    final Outcome outcome = bound.apply(row);
    if (outcome instanceof Outcome.Rejected rejected) {
      return rejected.reason();
    }
    if (outcome instanceof Outcome.Filtered) {
      counts.filtered++;
      return null;
    }
    final Object[] values = ((Outcome.Accepted) outcome).values();
    for (final int key : keyIndexes) {
      if (key >= 0 && values[key] == null) {
        final OutputColumn column = bound.columns().get(key);
        return "key column '" + column.name() + "' is empty";
      }
    }
    try {
      load.write(row.line(), values);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return null;
  }

  private void reject(final Reject reject, final Counts counts) {
    counts.rejected++;
    if (counts.firstReject == null) {
      counts.firstReject = reject;
    }
    rejects.accept(reject);
    threshold.checkCount(counts.rejected, counts.firstReject, rejects);
  }

  /** Running totals of one run. */
  private static final class Counts {
    long read;
    long filtered;
    long rejected;
    Reject firstReject;
  }
}
