package io.flowdesk.domain.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A kind's journal ({@code <table>_journal}): comments, which the requester or caller reads, and
 * internal work notes, which only agents read. Run inside the owner's transaction ({@link
 * RecordCore}).
 */
final class RecordJournal {

  private static final String COLUMNS = "id, %s AS record_id, kind, author, text, created_at";

  private final JdbcClient jdbc;
  private final RecordKind kind;
  private final String columns;

  RecordJournal(final JdbcClient jdbc, final RecordKind kind) {
    this.jdbc = jdbc;
    this.kind = kind;
    this.columns = COLUMNS.formatted(kind.idColumn());
  }

  JournalEntry insert(
      final long recordId, final JournalKind entryKind, final String text, final Actor actor) {
    return jdbc.sql(
            "INSERT INTO "
                + kind.side("journal")
                + " ("
                + kind.idColumn()
                + ", kind, author, text, job_key) VALUES (:recordId, :kind, :author, :text,"
                + " :jobKey) RETURNING "
                + columns)
        .param("recordId", recordId)
        .param("kind", entryKind.name())
        .param("author", actor.actor())
        .param("text", text)
        .param("jobKey", actor.jobKey())
        .query(RecordJournal::map)
        .single();
  }

  /** The entry of this kind a job already wrote. */
  Optional<JournalEntry> jobsEntry(
      final long recordId, final JournalKind entryKind, final long jobKey) {
    return jdbc.sql(
            "SELECT "
                + columns
                + " FROM "
                + kind.side("journal")
                + " WHERE "
                + kind.idColumn()
                + " = :recordId AND job_key = :jobKey AND kind = :kind")
        .param("recordId", recordId)
        .param("jobKey", jobKey)
        .param("kind", entryKind.name())
        .query(RecordJournal::map)
        .optional();
  }

  List<JournalEntry> of(final long recordId, final boolean includeWorkNotes) {
    return jdbc.sql(
            "SELECT "
                + columns
                + " FROM "
                + kind.side("journal")
                + " WHERE "
                + kind.idColumn()
                + " = :recordId"
                + (includeWorkNotes ? "" : " AND kind = 'COMMENT'")
                + " ORDER BY id")
        .param("recordId", recordId)
        .query(RecordJournal::map)
        .list();
  }

  private static JournalEntry map(final ResultSet row, final int n) throws SQLException {
    return new JournalEntry(
        row.getLong("id"),
        row.getLong("record_id"),
        JournalKind.valueOf(row.getString("kind")),
        row.getString("author"),
        row.getString("text"),
        Rows.instant(row, "created_at"));
  }
}
