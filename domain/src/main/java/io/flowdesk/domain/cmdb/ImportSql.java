package io.flowdesk.domain.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import's writes as set-based SQL: each statement takes its rows as arrays and {@code unnest}s
 * them, {@value #CHUNK} rows at a time, so 50,000 CIs are a handful of statements instead of 50,000
 * round trips (JPA's row-at-a-time writes are what the CMDB uses for people's edits). Joins the
 * caller's transaction.
 */
final class ImportSql {

  static final int CHUNK = 5_000;

  /** History rows per COPY: a few MB of text at a time. */
  static final int COPY_CHUNK = 50_000;

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  ImportSql(final JdbcTemplate jdbc, final ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One import at a time: two runs reconciling the same CIs would each insert them. */
  void lock() {
    jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('domain.ci_import'))");
  }

  void insert(final List<ImportPlan.Write> cis, final Instant now) {
    for (final List<ImportPlan.Write> chunk : chunks(cis)) {
      execute(
          "INSERT INTO domain.ci (id, class_name, name, serial_number, owner, support_group,"
              + " environment, status, attributes, created_at, updated_at, version)"
              + " SELECT u.id, u.class_name, u.name, u.serial, u.owner, u.grp, u.env, u.status,"
              + " u.attributes::jsonb, ?, ?, 0 FROM unnest(?::uuid[], ?::text[], ?::text[],"
              + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
              + " AS u(id, class_name, name, serial, owner, grp, env, status, attributes)",
          chunk.size(),
          (connection, statement) -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, uuids(connection, chunk, ImportPlan.Write::id));
            statement.setArray(4, texts(connection, chunk, ImportPlan.Write::className));
            setCiColumns(connection, statement, 5, chunk);
          });
    }
  }

  /**
   * Updates the CIs, each only if it still has the version reconciliation read.
   *
   * @throws ConcurrentCiChangeException someone changed one of them meanwhile
   */
  void update(final List<ImportPlan.Write> cis, final Instant now) {
    for (final List<ImportPlan.Write> chunk : chunks(cis)) {
      execute(
          "UPDATE domain.ci c SET name = u.name, serial_number = u.serial, owner = u.owner,"
              + " support_group = u.grp, environment = u.env, status = u.status,"
              + " attributes = u.attributes::jsonb, updated_at = ?, version = c.version + 1"
              + " FROM unnest(?::uuid[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],"
              + " ?::text[], ?::text[], ?::text[])"
              + " AS u(id, version, name, serial, owner, grp, env, status, attributes)"
              + " WHERE c.id = u.id AND c.version = u.version",
          chunk.size(),
          (connection, statement) -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, uuids(connection, chunk, ImportPlan.Write::id));
            statement.setArray(
                3,
                connection.createArrayOf(
                    "int8", chunk.stream().map(ImportPlan.Write::version).toArray()));
            setCiColumns(connection, statement, 4, chunk);
          });
    }
  }

  /**
   * Appends the history entries with {@code COPY}: a fresh import writes about ten per CI (every
   * field of a new CI), by far its most rows, and COPY is the cheapest way into a table for both
   * sides (no statement per chunk to parse, no arrays to build and unnest).
   */
  void history(final List<ImportPlan.Entry> entries, final String actor, final Instant now) {
    final String at = now.toString();
    for (final List<ImportPlan.Entry> chunk : chunks(entries, COPY_CHUNK)) {
      final StringBuilder rows = new StringBuilder(chunk.size() * 96);
      for (final ImportPlan.Entry entry : chunk) {
        rows.append(entry.ciId()).append('\t');
        copyText(rows, actor).append('\t').append(at).append('\t');
        copyText(rows, entry.field()).append('\t');
        copyText(rows, entry.before()).append('\t');
        copyText(rows, entry.after()).append('\n');
      }
      jdbc.execute(
          (ConnectionCallback<Long>)
              connection -> {
                try {
                  return connection
                      .unwrap(PGConnection.class)
                      .getCopyAPI()
                      .copyIn(
                          "COPY domain.ci_audit (ci_id, actor, at, field, old_value, new_value)"
                              + " FROM STDIN",
                          new StringReader(rows.toString()));
                } catch (IOException e) {
                  throw new SQLException("writing the history", e);
                }
              });
    }
  }

  // A value in COPY's text format: null is \N; backslash, tab, newline and carriage return escaped.
  private static StringBuilder copyText(final StringBuilder rows, final String value) {
    if (value == null) {
      return rows.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
        case '\\' -> rows.append("\\\\");
        case '\t' -> rows.append("\\t");
        case '\n' -> rows.append("\\n");
        case '\r' -> rows.append("\\r");
        default -> rows.append(c);
      }
    }
    return rows;
  }

  /** Remembers that {@code source} reported these CIs. */
  void reported(final String source, final List<UUID> ids) {
    for (final List<UUID> chunk : chunks(ids)) {
      update(
          "INSERT INTO domain.ci_import_source (source, ci_id) SELECT ?, u.id"
              + " FROM unnest(?::uuid[]) AS u(id) ON CONFLICT DO NOTHING",
          (connection, statement) -> {
            statement.setString(1, source);
            statement.setArray(2, connection.createArrayOf("uuid", chunk.toArray()));
          });
    }
  }

  /** The CIs {@code source} reported in earlier runs. */
  java.util.Set<UUID> reportedBefore(final String source) {
    return new java.util.HashSet<>(
        jdbc.queryForList(
            "SELECT ci_id FROM domain.ci_import_source WHERE source = ?", UUID.class, source));
  }

  /** The CIs {@code source} reported in an earlier run that are not retired. */
  List<ImportPlan.Entry> inService(final String source) {
    return jdbc.query(
        "SELECT c.id, c.status FROM domain.ci_import_source s JOIN domain.ci c ON c.id = s.ci_id"
            + " WHERE s.source = ? AND c.status <> 'RETIRED'",
        (row, n) ->
            new ImportPlan.Entry(
                row.getObject("id", UUID.class),
                "status",
                row.getString("status"),
                LifecycleStatus.RETIRED.name()),
        source);
  }

  void retire(final List<ImportPlan.Entry> cis, final Instant now) {
    for (final List<ImportPlan.Entry> chunk : chunks(cis)) {
      update(
          "UPDATE domain.ci c SET status = 'RETIRED', updated_at = ?, version = c.version + 1"
              + " FROM unnest(?::uuid[]) AS u(id) WHERE c.id = u.id",
          (connection, statement) -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, uuids(connection, chunk, ImportPlan.Entry::ciId));
          });
    }
  }

  /** Adds the relationships not there yet; answers those it added. */
  List<ImportPlan.Link> relate(
      final List<ImportPlan.Link> links, final String actor, final Instant now) {
    final List<ImportPlan.Link> added = new ArrayList<>();
    for (final List<ImportPlan.Link> chunk : chunks(links)) {
      jdbc.execute(
          (ConnectionCallback<Void>)
              connection -> {
                try (PreparedStatement statement =
                    connection.prepareStatement(
                        "INSERT INTO domain.ci_relationship"
                            + " (source_id, type, target_id, created_by, created_at)"
                            + " SELECT u.source_id, u.type, u.target_id, ?, ?"
                            + " FROM unnest(?::uuid[], ?::text[], ?::uuid[])"
                            + " AS u(source_id, type, target_id)"
                            + " ON CONFLICT ON CONSTRAINT ci_relationship_unique DO NOTHING"
                            + " RETURNING source_id, type, target_id")) {
                  statement.setString(1, actor);
                  statement.setTimestamp(2, Timestamp.from(now));
                  statement.setArray(3, uuids(connection, chunk, ImportPlan.Link::source));
                  statement.setArray(4, texts(connection, chunk, l -> l.type().name()));
                  statement.setArray(5, uuids(connection, chunk, ImportPlan.Link::target));
                  final java.util.Set<String> inserted = new java.util.HashSet<>();
                  try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                      inserted.add(
                          row.getString("source_id")
                              + " "
                              + row.getString("type")
                              + " "
                              + row.getString("target_id"));
                    }
                  }
                  chunk.stream()
                      .filter(
                          l -> inserted.contains(l.source() + " " + l.type() + " " + l.target()))
                      .forEach(added::add);
                }
                return null;
              });
    }
    return added;
  }

  /** Remembers that {@code source} reported these relationships (all of them there by now). */
  void reportedRelationships(final String source, final List<ImportPlan.Link> links) {
    for (final List<ImportPlan.Link> chunk : chunks(links)) {
      update(
          "INSERT INTO domain.ci_import_relationship (source, relationship_id) SELECT ?, r.id"
              + " FROM unnest(?::uuid[], ?::text[], ?::uuid[]) AS u(source_id, type, target_id)"
              + " JOIN domain.ci_relationship r ON r.source_id = u.source_id AND r.type = u.type"
              + " AND r.target_id = u.target_id ON CONFLICT DO NOTHING",
          (connection, statement) -> {
            statement.setString(1, source);
            statement.setArray(2, uuids(connection, chunk, ImportPlan.Link::source));
            statement.setArray(3, texts(connection, chunk, l -> l.type().name()));
            statement.setArray(4, uuids(connection, chunk, ImportPlan.Link::target));
          });
    }
  }

  /** A relationship to remove, with what its source's history says of it. */
  record Unlink(long id, UUID source, String described) {}

  /**
   * The relationships {@code source} reported before and does not report in {@code links}, except
   * those another source reported too (that source still vouches for them).
   */
  List<Unlink> noLongerReported(final String source, final List<ImportPlan.Link> links) {
    return jdbc.execute(
        (ConnectionCallback<List<Unlink>>)
            connection -> {
              try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT r.id, r.source_id, r.type, t.name, t.class_name"
                          + " FROM domain.ci_import_relationship m"
                          + " JOIN domain.ci_relationship r ON r.id = m.relationship_id"
                          + " JOIN domain.ci t ON t.id = r.target_id"
                          + " WHERE m.source = ? AND NOT EXISTS (SELECT 1 FROM unnest(?::uuid[],"
                          + " ?::text[], ?::uuid[]) AS u(source_id, type, target_id)"
                          + " WHERE u.source_id = r.source_id AND u.type = r.type"
                          + " AND u.target_id = r.target_id)"
                          + " AND NOT EXISTS (SELECT 1 FROM domain.ci_import_relationship o"
                          + " WHERE o.relationship_id = r.id AND o.source <> m.source)"
                          + " ORDER BY r.id")) {
                statement.setString(1, source);
                statement.setArray(2, uuids(connection, links, ImportPlan.Link::source));
                statement.setArray(3, texts(connection, links, l -> l.type().name()));
                statement.setArray(4, uuids(connection, links, ImportPlan.Link::target));
                final List<Unlink> gone = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                  while (row.next()) {
                    gone.add(
                        new Unlink(
                            row.getLong("id"),
                            row.getObject("source_id", UUID.class),
                            RelationshipType.valueOf(row.getString("type")).label()
                                + " "
                                + row.getString("name")
                                + " ("
                                + row.getString("class_name")
                                + ")"));
                  }
                }
                return gone;
              }
            });
  }

  /** Removes the relationships (and with them every source's memory of them). */
  void unrelate(final List<Unlink> relationships) {
    for (final List<Unlink> chunk : chunks(relationships)) {
      update(
          "DELETE FROM domain.ci_relationship r USING unnest(?::int8[]) AS u(id) WHERE r.id = u.id",
          (connection, statement) ->
              statement.setArray(
                  1, connection.createArrayOf("int8", chunk.stream().map(Unlink::id).toArray())));
    }
  }

  private void setCiColumns(
      final Connection connection,
      final PreparedStatement statement,
      final int first,
      final List<ImportPlan.Write> chunk)
      throws SQLException {
    statement.setArray(first, texts(connection, chunk, w -> w.ci().name()));
    statement.setArray(first + 1, texts(connection, chunk, ImportPlan.Write::serialNumber));
    statement.setArray(first + 2, texts(connection, chunk, w -> w.ci().owner()));
    statement.setArray(first + 3, texts(connection, chunk, w -> w.ci().supportGroup()));
    statement.setArray(first + 4, texts(connection, chunk, w -> w.ci().environment().name()));
    statement.setArray(first + 5, texts(connection, chunk, w -> w.ci().status().name()));
    statement.setArray(first + 6, texts(connection, chunk, w -> json(w.ci())));
  }

  private String json(final CheckedCi ci) {
    try {
      return json.writeValueAsString(ci.attributes());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("attributes of " + ci.name(), e);
    }
  }

  private interface Binder {
    void bind(Connection connection, PreparedStatement statement) throws SQLException;
  }

  private void execute(final String sql, final int expected, final Binder binder) {
    final int count = update(sql, binder);
    if (count != expected) {
      throw new ConcurrentCiChangeException();
    }
  }

  private int update(final String sql, final Binder binder) {
    return jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(connection, statement);
                return statement.executeUpdate();
              }
            });
  }

  private static <T> java.sql.Array uuids(
      final Connection connection, final List<T> rows, final Function<T, UUID> column)
      throws SQLException {
    return connection.createArrayOf("uuid", rows.stream().map(column).toArray());
  }

  private static <T> java.sql.Array texts(
      final Connection connection, final List<T> rows, final Function<T, String> column)
      throws SQLException {
    return connection.createArrayOf("text", rows.stream().map(column).toArray());
  }

  private static <T> List<List<T>> chunks(final List<T> rows) {
    return chunks(rows, CHUNK);
  }

  private static <T> List<List<T>> chunks(final List<T> rows, final int size) {
    final List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += size) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + size)));
    }
    return chunks;
  }
}
