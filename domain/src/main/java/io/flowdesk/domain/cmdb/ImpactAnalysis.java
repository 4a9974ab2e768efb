package io.flowdesk.domain.cmdb;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Impact analysis as one recursive SQL query (plain SQL on purpose: this is the hot path, measured
 * in bench's {@code CmdbBenchmark}, and a graph walk done with one JPA query per step would be
 * hundreds of round trips). Cycle-safe: each walk carries the path of CI ids it took and never
 * steps onto one already on it; depth-limited; each CI is reported once, at its smallest depth.
 */
public final class ImpactAnalysis {

  /** Depth when the caller names none, and the largest allowed. */
  public static final int DEFAULT_DEPTH = 5;

  public static final int MAX_DEPTH = 10;

  // {from} and {to}: the relationship's columns walked from and to for the direction.
  private static final String WALK =
      """
      WITH RECURSIVE walk (id, depth, path, via) AS (
        SELECT CAST(:origin AS uuid), 0, ARRAY[CAST(:origin AS uuid)], CAST(NULL AS varchar)
        UNION ALL
        SELECT r.{to}, w.depth + 1, w.path || r.{to}, CAST(r.type AS varchar)
        FROM walk w JOIN domain.ci_relationship r ON r.{from} = w.id
        WHERE w.depth < :depth AND NOT r.{to} = ANY (w.path)
      ),
      nearest AS (
        SELECT DISTINCT ON (id) id, depth, path, via FROM walk WHERE depth > 0
        ORDER BY id, depth
      )
      SELECT n.id, n.depth, n.path, n.via, c.name, c.class_name, k.service, c.criticality,
             c.status
      FROM nearest n JOIN domain.ci c ON c.id = n.id JOIN domain.ci_class k ON k.name = c.class_name
      ORDER BY n.depth, c.name, n.id
      """;

  private static final String UP = WALK.replace("{from}", "target_id").replace("{to}", "source_id");
  private static final String DOWN =
      WALK.replace("{from}", "source_id").replace("{to}", "target_id");

  private final JdbcClient jdbc;

  public ImpactAnalysis(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * The CIs reached from {@code origin} in {@code direction} within {@code depth} relationships
   * (the origin itself is not among them, even when a cycle leads back to it).
   *
   * @throws InvalidCiException field {@code depth} outside 1..{@value #MAX_DEPTH}
   */
  public List<ImpactedCi> reached(
      final UUID origin, final ImpactDirection direction, final int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new InvalidCiException("depth", "must be 1 to " + MAX_DEPTH + ", not " + depth);
    }
    return jdbc.sql(direction == ImpactDirection.UP ? UP : DOWN)
        .param("origin", origin)
        .param("depth", depth)
        .query(ImpactAnalysis::map)
        .list();
  }

  private static ImpactedCi map(final ResultSet row, final int n) throws SQLException {
    final Array path = row.getArray("path");
    final UUID[] ids = (UUID[]) path.getArray();
    path.free();
    final String criticality = row.getString("criticality");
    return new ImpactedCi(
        row.getObject("id", UUID.class),
        row.getString("name"),
        row.getString("class_name"),
        row.getBoolean("service"),
        criticality == null ? null : Criticality.valueOf(criticality),
        LifecycleStatus.valueOf(row.getString("status")),
        row.getInt("depth"),
        Arrays.asList(ids),
        RelationshipType.valueOf(row.getString("via")));
  }
}
