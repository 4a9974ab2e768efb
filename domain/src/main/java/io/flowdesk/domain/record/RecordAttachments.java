package io.flowdesk.domain.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A kind's attachments ({@code <table>_attachment}), content in {@code bytea}. */
final class RecordAttachments {

  private final JdbcClient jdbc;
  private final RecordKind kind;
  private final String columns;

  RecordAttachments(final JdbcClient jdbc, final RecordKind kind) {
    this.jdbc = jdbc;
    this.kind = kind;
    this.columns =
        "id, "
            + kind.idColumn()
            + " AS record_id, file_name, content_type, size, uploaded_by, uploaded_at";
  }

  Attachment insert(final long recordId, final AttachmentUpload upload, final Actor actor) {
    return jdbc.sql(
            "INSERT INTO "
                + kind.side("attachment")
                + " ("
                + kind.idColumn()
                + ", file_name, content_type, size, content, uploaded_by) VALUES (:recordId,"
                + " :fileName, :contentType, :size, :content, :uploadedBy) RETURNING "
                + columns)
        .param("recordId", recordId)
        .param("fileName", upload.fileName())
        .param("contentType", upload.contentType())
        .param("size", upload.content().length)
        .param("content", upload.content())
        .param("uploadedBy", actor.actor())
        .query(RecordAttachments::map)
        .single();
  }

  List<Attachment> of(final long recordId) {
    return jdbc.sql(
            "SELECT "
                + columns
                + " FROM "
                + kind.side("attachment")
                + " WHERE "
                + kind.idColumn()
                + " = :recordId ORDER BY id")
        .param("recordId", recordId)
        .query(RecordAttachments::map)
        .list();
  }

  Optional<byte[]> content(final long recordId, final long attachmentId) {
    return jdbc.sql(
            "SELECT content FROM "
                + kind.side("attachment")
                + " WHERE id = :id AND "
                + kind.idColumn()
                + " = :recordId")
        .param("id", attachmentId)
        .param("recordId", recordId)
        .query((row, n) -> row.getBytes("content"))
        .optional();
  }

  private static Attachment map(final ResultSet row, final int n) throws SQLException {
    return new Attachment(
        row.getLong("id"),
        row.getLong("record_id"),
        row.getString("file_name"),
        row.getString("content_type"),
        row.getLong("size"),
        row.getString("uploaded_by"),
        Rows.instant(row, "uploaded_at"));
  }
}
