package io.flowdesk.domain.cmdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored import run reports ({@code domain.ci_import_run} and its rejected rows, V20). */
final class ImportRuns {

  private static final String COLUMNS =
      "id, source, retire_missing, status, started_at, finished_at, inserted, updated, unchanged,"
          + " retired, retire_skipped, relationships_added, relationships_unchanged,"
          + " relationships_removed, rejected, error";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ImportRuns(final JdbcTemplate template) {
    this.template = template;
    this.jdbc = JdbcClient.create(template);
  }

  /** Stores the run and its rejected rows; answers it with its id. */
  ImportRun save(final ImportRun run) {
    final long id =
        jdbc.sql(
                "INSERT INTO domain.ci_import_run (source, retire_missing, status, started_at,"
                    + " finished_at, inserted, updated, unchanged, retired, retire_skipped,"
                    + " relationships_added, relationships_unchanged, relationships_removed, rejected,"
                    + " error)"
                    + " VALUES (:source, :retireMissing, :status, :startedAt, :finishedAt,"
                    + " :inserted, :updated, :unchanged, :retired, :retireSkipped,"
                    + " :relationshipsAdded, :relationshipsUnchanged, :relationshipsRemoved, :rejected,"
                    + " :error)"
                    + " RETURNING id")
            .param("source", run.source())
            .param("retireMissing", run.retireMissing())
            .param("status", run.status().name())
            .param("startedAt", Timestamp.from(run.startedAt()))
            .param("finishedAt", Timestamp.from(run.finishedAt()))
            .param("inserted", run.inserted())
            .param("updated", run.updated())
            .param("unchanged", run.unchanged())
            .param("retired", run.retired())
            .param("retireSkipped", run.retireSkipped())
            .param("relationshipsAdded", run.relationshipsAdded())
            .param("relationshipsUnchanged", run.relationshipsUnchanged())
            .param("relationshipsRemoved", run.relationshipsRemoved())
            .param("rejected", run.rejected())
            .param("error", run.error())
            .query(Long.class)
            .single();
    template.batchUpdate(
        "INSERT INTO domain.ci_import_reject (run_id, kind, row_number, reason)"
            + " VALUES (?, ?, ?, ?)",
        run.rejects(),
        1_000,
        (statement, reject) -> {
          statement.setLong(1, id);
          statement.setString(2, reject.kind().name());
          statement.setLong(3, reject.row());
          statement.setString(4, reject.reason());
        });
    return find(id).orElseThrow();
  }

  boolean everLoaded(final String source) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM domain.ci_import_run WHERE source = :source"
                + " AND status = 'LOADED')")
        .param("source", source)
        .query(Boolean.class)
        .single();
  }

  /** The run with its rejected rows (CI rows first, each kind by row). */
  Optional<ImportRun> find(final long id) {
    final List<ImportReject> rejects =
        jdbc.sql(
                "SELECT kind, row_number, reason FROM domain.ci_import_reject WHERE run_id = :id"
                    + " ORDER BY kind, row_number")
            .param("id", id)
            .query(
                (row, n) ->
                    new ImportReject(
                        ImportReject.Kind.valueOf(row.getString("kind")),
                        row.getLong("row_number"),
                        row.getString("reason")))
            .list();
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.ci_import_run WHERE id = :id")
        .param("id", id)
        .query((row, n) -> map(row, rejects))
        .optional();
  }

  /** The latest runs, newest first; of one source when {@code source} is given. */
  List<ImportRun> recent(final String source, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.ci_import_run WHERE (CAST(:source AS TEXT) IS NULL"
                + " OR source = :source) ORDER BY id DESC LIMIT :limit")
        .param("source", source)
        .param("limit", Math.max(1, Math.min(limit, 500)))
        .query((row, n) -> map(row, List.of()))
        .list();
  }

  private static ImportRun map(final ResultSet row, final List<ImportReject> rejects)
      throws SQLException {
    return new ImportRun(
        row.getLong("id"),
        row.getString("source"),
        row.getBoolean("retire_missing"),
        ImportRun.Status.valueOf(row.getString("status")),
        row.getTimestamp("started_at").toInstant(),
        row.getTimestamp("finished_at").toInstant(),
        row.getInt("inserted"),
        row.getInt("updated"),
        row.getInt("unchanged"),
        row.getInt("retired"),
        row.getBoolean("retire_skipped"),
        row.getInt("relationships_added"),
        row.getInt("relationships_unchanged"),
        row.getInt("relationships_removed"),
        row.getInt("rejected"),
        row.getString("error"),
        rejects);
  }
}
