package io.flowdesk.domain.record;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A kind's watchers ({@code <table>_watcher}): people told about a record besides its owner. */
final class RecordWatchers {

  private final JdbcClient jdbc;
  private final RecordKind kind;

  RecordWatchers(final JdbcClient jdbc, final RecordKind kind) {
    this.jdbc = jdbc;
    this.kind = kind;
  }

  /** Whether {@code username} was added (false when already watching). */
  boolean add(final long recordId, final String username) {
    return jdbc.sql(
                "INSERT INTO "
                    + kind.side("watcher")
                    + " ("
                    + kind.idColumn()
                    + ", username) VALUES (:recordId, :username) ON CONFLICT DO NOTHING")
            .param("recordId", recordId)
            .param("username", username)
            .update()
        == 1;
  }

  /** Whether {@code username} was removed (false when not watching). */
  boolean remove(final long recordId, final String username) {
    return jdbc.sql(
                "DELETE FROM "
                    + kind.side("watcher")
                    + " WHERE "
                    + kind.idColumn()
                    + " = :recordId AND username = :username")
            .param("recordId", recordId)
            .param("username", username)
            .update()
        == 1;
  }

  List<String> of(final long recordId) {
    return jdbc.sql(
            "SELECT username FROM "
                + kind.side("watcher")
                + " WHERE "
                + kind.idColumn()
                + " = :recordId ORDER BY username")
        .param("recordId", recordId)
        .query(String.class)
        .list();
  }
}
