package io.flowdesk.bench;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.change.conflict.ChangeConflict;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.change.conflict.ConflictRule;
import io.flowdesk.domain.record.Actor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19's conflict detection target: a change with 50 CIs checked against 10,000 scheduled
 * changes in a CMDB of realistic size, under 200 ms. The CMDB is {@link CmdbBenchmark}'s (layered,
 * random, with cycles and hubs); half the servers and a fifth of the databases have a maintenance
 * window; the changes are spread over 90 days, 1 to 8 hours long, with 1 to 5 CIs each and 300
 * implementers (a tenth closed or canceled); there are global, CI and business-service blackout
 * windows. Each measured change has 50 CIs, 10 of them touched by changes overlapping its window
 * (so there is something to find) and 40 at random. The domain's {@link ChangeConflicts#detect} is
 * measured as the app calls it: detect and store, in its transaction, one change at a time.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.ConflictBenchmark 100000 300000 10000
 * 200}
 */
public final class ConflictBenchmark {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  private static final String SPAN_START = "2027-01-04 00:00+00";

  private ConflictBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int cis = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    final int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    final int changes = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    final int checks = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    try (EmbeddedPostgres postgres = DurablePostgres.start();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(DomainApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--spring.flyway.enabled=false",
                    "--flowdesk.engine.enabled=false",
                    "--logging.level.root=WARN",
                    "--flowdesk.secrets.key=" + "A".repeat(43) + "=")) {
      final DataSource db = context.getBean(DataSource.class);
      final ChangeConflicts conflicts = context.getBean(ChangeConflicts.class);
      final long loadStart = System.nanoTime();
      CmdbBenchmark.load(db, cis, relationships);
      scheduled(db, changes);
      final double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      final JdbcClient jdbc = JdbcClient.create(db);
      System.out.printf(
          Locale.ROOT,
          "CMDB: %,d CIs, %,d relationships; %,d changes (%,d active), %,d blackout windows;"
              + " loaded in %.1f s (durable embedded PostgreSQL, %d cores, load average %s)%n%n",
          count(jdbc, "ci"),
          count(jdbc, "ci_relationship"),
          count(jdbc, "change_request"),
          jdbc.sql(
                  "SELECT count(*) FROM domain.change_request"
                      + " WHERE state NOT IN ('CLOSED', 'CANCELED')")
              .query(Long.class)
              .single(),
          count(jdbc, "blackout_window"),
          loadSeconds,
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
      final Actor bench = Actor.person("bench");
      // Unmeasured warm-up: JIT, plan cache, buffer cache.
      for (int i = 0; i < Math.max(20, checks / 5); i++) {
        conflicts.detect(measuredChange(jdbc, i), bench);
      }
      final long[] nanos = new long[checks];
      final Map<ConflictRule, Long> byRule = new EnumMap<>(ConflictRule.class);
      long found = 0;
      long most = 0;
      for (int i = 0; i < checks; i++) {
        final long id = measuredChange(jdbc, 1_000 + i);
        final long start = System.nanoTime();
        final List<ChangeConflict> stored = conflicts.detect(id, bench);
        nanos[i] = System.nanoTime() - start;
        found += stored.size();
        most = Math.max(most, stored.size());
        for (final ChangeConflict conflict : stored) {
          byRule.merge(conflict.rule(), 1L, Long::sum);
        }
      }
      Arrays.sort(nanos);
      System.out.println(
          "| checks | CIs per change | conflicts (mean / max) | p50 ms | p95 ms | p99 ms | max ms |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.printf(
          Locale.ROOT,
          "| %d | 50 | %.1f / %d | %.1f | %.1f | %.1f | %.1f |%n%n",
          checks,
          (double) found / checks,
          most,
          percentile(nanos, 0.50),
          percentile(nanos, 0.95),
          percentile(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6);
      System.out.println("| rule | conflicts found per check (mean) |");
      System.out.println("|---|---|");
      for (final ConflictRule rule : ConflictRule.values()) {
        System.out.printf(
            Locale.ROOT, "| %s | %.2f |%n", rule, byRule.getOrDefault(rule, 0L) / (double) checks);
      }
    }
  }

  /**
   * The scheduled changes, their CIs (servers, databases, applications), maintenance windows and
   * blackout windows, with set-based SQL.
   */
  private static void scheduled(final DataSource db, final int changes) throws Exception {
    try (Connection connection = db.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("SET search_path TO domain");
      sql.execute(
          "CREATE UNLOGGED TABLE bench_pick AS SELECT row_number() OVER () AS n, id FROM ci"
              + " WHERE class_name IN ('server', 'database', 'application')");
      sql.execute("CREATE UNIQUE INDEX ON bench_pick (n)");
      sql.execute(
          "INSERT INTO change_request (number, type, short_description, requested_by,"
              + " assignment_group, implementer, planned_start, planned_end, state, close_code,"
              + " risk) SELECT 'CHG' || lpad(g::text, 7, '0'), 'NORMAL', 'Bench change ' || g,"
              + " 'bench', 'network-team', 'impl-' || (1 + g % 300), s, s + make_interval(hours"
              + " => 1 + g % 8), st, CASE WHEN st = 'CLOSED' THEN 'SUCCESSFUL' END, 'LOW' FROM"
              + " (SELECT g, TIMESTAMPTZ '"
              + SPAN_START
              + "' + random() * INTERVAL '90 days' AS s, CASE WHEN g % 20 = 0 THEN 'CLOSED'"
              + " WHEN g % 20 = 1 THEN 'CANCELED' WHEN g % 20 = 2 THEN 'AUTHORIZE' ELSE"
              + " 'SCHEDULED' END AS st FROM generate_series(1, "
              + changes
              + ") g) x");
      sql.execute(
          "INSERT INTO change_request_ci (change_request_id, ci_id, ci_name) SELECT p.cid, b.id,"
              + " 'bench' FROM (SELECT c.id AS cid, 1 + floor(random() * (SELECT count(*) FROM"
              + " bench_pick))::int AS pick FROM change_request c CROSS JOIN LATERAL"
              + " generate_series(1, 1 + (c.id % 5)::int) k) p JOIN bench_pick b ON b.n = p.pick"
              + " ON CONFLICT DO NOTHING");
      sql.execute(
          "UPDATE ci SET maintenance_window = 'Sun 02:00-06:00' WHERE class_name = 'server'"
              + " AND random() < 0.5");
      sql.execute(
          "UPDATE ci SET maintenance_window = 'Sat 22:00-24:00, Sun 00:00-04:00'"
              + " WHERE class_name = 'database' AND random() < 0.2");
      // A day-long global freeze every 18 days, a few CIs and services blacked out for 3 days.
      sql.execute(
          "INSERT INTO blackout_window (name, scope, starts_at, ends_at, created_by) SELECT"
              + " 'Freeze ' || g, 'GLOBAL', TIMESTAMPTZ '"
              + SPAN_START
              + "' + g * INTERVAL '18 days', TIMESTAMPTZ '"
              + SPAN_START
              + "' + g * INTERVAL '18 days' + INTERVAL '1 day', 'bench' FROM generate_series(1,"
              + " 5) g");
      sql.execute(
          "INSERT INTO blackout_window (name, scope, ci_id, starts_at, ends_at, created_by)"
              + " SELECT 'CI freeze', 'CI', id, s, s + INTERVAL '3 days', 'bench' FROM (SELECT"
              + " id, TIMESTAMPTZ '"
              + SPAN_START
              + "' + random() * INTERVAL '90 days' AS s FROM ci WHERE class_name = 'server'"
              + " ORDER BY random() LIMIT 50) x");
      sql.execute(
          "INSERT INTO blackout_window (name, scope, ci_id, starts_at, ends_at, created_by)"
              + " SELECT 'Service freeze', 'SERVICE', id, s, s + INTERVAL '3 days', 'bench' FROM"
              + " (SELECT id, TIMESTAMPTZ '"
              + SPAN_START
              + "' + random() * INTERVAL '90 days' AS s FROM ci WHERE class_name ="
              + " 'business_service' ORDER BY random() LIMIT 10) x");
      sql.execute("SELECT setval('change_request_number_seq', " + changes + ")");
      sql.execute("ANALYZE");
    }
  }

  /**
   * A new change of 4 hours somewhere in the span, with 50 CIs: 10 that changes overlapping its
   * window touch, 40 at random.
   */
  private static long measuredChange(final JdbcClient jdbc, final int n) {
    final long id =
        jdbc.sql(
                "INSERT INTO domain.change_request (number, type, short_description,"
                    + " requested_by, assignment_group, implementer, planned_start, planned_end,"
                    + " state) SELECT :number, 'NORMAL', 'Measured change', 'bench', 'network-team',"
                    + " 'impl-' || (1 + :n % 300), s, s + INTERVAL '4 hours', 'NEW' FROM (SELECT"
                    + " TIMESTAMPTZ '"
                    + SPAN_START
                    + "' + random() * INTERVAL '89 days' AS s) x RETURNING id")
            .param("number", "CHG9" + String.format(Locale.ROOT, "%06d", n))
            .param("n", n)
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            INSERT INTO domain.change_request_ci (change_request_id, ci_id, ci_name)
            SELECT :id, ci_id, 'bench' FROM (
              (SELECT DISTINCT oc.ci_id FROM domain.change_request me
                 JOIN domain.change_request o ON o.id <> me.id
                  AND o.planned_start < me.planned_end AND o.planned_end > me.planned_start
                 JOIN domain.change_request_ci oc ON oc.change_request_id = o.id
               WHERE me.id = :id LIMIT 10)
              UNION
              (SELECT id FROM domain.bench_pick
               WHERE n IN (SELECT 1 + floor(random() * (SELECT count(*) FROM domain.bench_pick))::int
                           FROM generate_series(1, 45)))
            ) picked LIMIT 50
            ON CONFLICT DO NOTHING
            """)
        .param("id", id)
        .update();
    return id;
  }

  private static long count(final JdbcClient jdbc, final String table) {
    return jdbc.sql("SELECT count(*) FROM domain." + table).query(Long.class).single();
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception unreadable) {
      return "?";
    }
  }

  private static double percentile(final long[] sorted, final double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
