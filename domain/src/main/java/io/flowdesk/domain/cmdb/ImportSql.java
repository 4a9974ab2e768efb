package io.flowdesk.domain.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  void history(final List<ImportPlan.Entry> entries, final String actor, final Instant now) {
    for (final List<ImportPlan.Entry> chunk : chunks(entries)) {
      update(
          "INSERT INTO domain.ci_audit (ci_id, actor, at, field, old_value, new_value)"
              + " SELECT u.ci_id, ?, ?, u.field, u.old_value, u.new_value"
              + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[])"
              + " AS u(ci_id, field, old_value, new_value)",
          (connection, statement) -> {
            statement.setString(1, actor);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, uuids(connection, chunk, ImportPlan.Entry::ciId));
            statement.setArray(4, texts(connection, chunk, ImportPlan.Entry::field));
            statement.setArray(5, texts(connection, chunk, ImportPlan.Entry::before));
            statement.setArray(6, texts(connection, chunk, ImportPlan.Entry::after));
          });
    }
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
    final List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += CHUNK) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
    }
    return chunks;
  }
}
