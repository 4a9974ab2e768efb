package io.flowdesk.domain.cmdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Impact analysis as one recursive SQL query (plain SQL on purpose: this is the hot path, measured
 * in bench's {@code CmdbBenchmark}, and a graph walk done with one JPA query per step would be
 * hundreds of round trips). Breadth-first: each step of the recursion is one whole level, the CIs
 * first reached at that depth, found with one index scan for the whole previous level and never one
 * already seen; so each CI is visited once per analysis, at its smallest depth, however many routes
 * lead to it (carrying a path per route, as before, grew with the routes through hubs such as
 * network devices, not with the CIs reached). Cycle-safe by the same seen set, depth-limited by the
 * recursion. Each CI remembers the CI it was reached from; the paths are rebuilt from those.
 */
public final class ImpactAnalysis {

  /** Depth when the caller names none, and the largest allowed. */
  public static final int DEFAULT_DEPTH = 5;

  public static final int MAX_DEPTH = 10;

  // {from} and {to}: the relationship's columns walked from and to for the direction. A level row
  // holds its CIs as arrays (ids, the CI each was reached from, the relationship type) and every
  // CI seen up to it; the next level is the relationships out of this level's CIs to CIs not seen,
  // one per CI (DISTINCT ON; any of equal depth is a shortest path).
  private static final String WALK =
      """
      WITH RECURSIVE level (depth, ids, previous, via, seen) AS (
        SELECT 0, ARRAY[CAST(:origin AS uuid)], ARRAY[CAST(NULL AS uuid)],
               ARRAY[CAST(NULL AS varchar)], ARRAY[CAST(:origin AS uuid)]
        UNION ALL
        SELECT l.depth + 1, n.ids, n.previous, n.via, l.seen || n.ids
        FROM level l CROSS JOIN LATERAL (
          SELECT array_agg(s.id) AS ids, array_agg(s.previous) AS previous,
                 array_agg(s.via) AS via
          FROM (
            SELECT DISTINCT ON (r.{to}) r.{to} AS id, r.{from} AS previous,
                   CAST(r.type AS varchar) AS via
            FROM domain.ci_relationship r
            WHERE r.{from} = ANY (l.ids)
              AND NOT EXISTS (SELECT 1 FROM unnest(l.seen) AS v(id) WHERE v.id = r.{to})
            ORDER BY r.{to}, r.{from}, r.type
          ) s
        ) n
        WHERE l.depth < :depth AND n.ids IS NOT NULL
      ),
      reached AS (
        SELECT l.depth, u.id, u.previous, u.via
        FROM level l CROSS JOIN LATERAL unnest(l.ids, l.previous, l.via) AS u(id, previous, via)
        WHERE l.depth > 0
      )
      SELECT n.id, n.depth, n.previous, n.via, c.name, c.class_name, k.service, c.criticality,
             c.status
      FROM reached n JOIN domain.ci c ON c.id = n.id JOIN domain.ci_class k ON k.name = c.class_name
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
    final List<Step> steps =
        jdbc.sql(direction == ImpactDirection.UP ? UP : DOWN)
            .param("origin", origin)
            .param("depth", depth)
            .query(ImpactAnalysis::step)
            .list();
    // By depth: the CI a step came from has its path already.
    final Map<UUID, List<UUID>> paths = new HashMap<>();
    paths.put(origin, List.of(origin));
    final List<ImpactedCi> reached = new ArrayList<>(steps.size());
    for (final Step step : steps) {
      final List<UUID> path = new ArrayList<>(paths.get(step.previous()));
      path.add(step.ci().id());
      final ImpactedCi ci = step.ci().withPath(path);
      paths.put(ci.id(), ci.path());
      reached.add(ci);
    }
    return reached;
  }

  private record Step(ImpactedCi ci, UUID previous) {}

  private static Step step(final ResultSet row, final int n) throws SQLException {
    final String criticality = row.getString("criticality");
    final UUID id = row.getObject("id", UUID.class);
    return new Step(
        new ImpactedCi(
            id,
            row.getString("name"),
            row.getString("class_name"),
            row.getBoolean("service"),
            criticality == null ? null : Criticality.valueOf(criticality),
            LifecycleStatus.valueOf(row.getString("status")),
            row.getInt("depth"),
            List.of(id),
            RelationshipType.valueOf(row.getString("via"))),
        row.getObject("previous", UUID.class));
  }
}
