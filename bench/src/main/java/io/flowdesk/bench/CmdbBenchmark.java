package io.flowdesk.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flowdesk.domain.DomainSchema;
import io.flowdesk.domain.cmdb.ImpactAnalysis;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19's CMDB target: impact analysis (depth ≤ 5) on a CMDB of 100,000 CIs and 300,000
 * relationships, p95 < 100 ms. The CMDB is layered like a real one (business services depend on and
 * contain applications, applications run on servers, depend on databases and on each other,
 * databases are hosted on servers, servers depend on servers and connect to network devices, which
 * connect to each other), picked at random, so it has cycles and hubs. Loaded with SQL into the
 * domain's migrated schema on a durable embedded PostgreSQL; then one caller at a time runs {@link
 * ImpactAnalysis} (the same query the app runs) upstream from servers, databases and network
 * devices and downstream from business services and applications.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.CmdbBenchmark 100000 300000 300}
 */
public final class CmdbBenchmark {

  private CmdbBenchmark() {}

  /** Share of the CIs per class, as a real CMDB has many more servers than services. */
  private static final String[][] CLASSES = {
    {"business_service", "0.02"},
    {"application", "0.10"},
    {"database", "0.08"},
    {"server", "0.70"},
    {"network_device", "0.10"}
  };

  private record Row(String from, ImpactDirection direction) {}

  public static void main(final String[] args) throws Exception {
    final int cis = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    final int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    final int queries = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    try (EmbeddedPostgres postgres = DurablePostgres.start()) {
      final HikariConfig config = new HikariConfig();
      config.setDataSource(postgres.getPostgresDatabase());
      config.setMaximumPoolSize(4);
      try (HikariDataSource db = new HikariDataSource(config)) {
        DomainSchema.migrate(db);
        final long loadStart = System.nanoTime();
        load(db, cis, relationships);
        final double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        final JdbcClient jdbc = JdbcClient.create(db);
        final long ciCount = jdbc.sql("SELECT count(*) FROM domain.ci").query(Long.class).single();
        final long relCount =
            jdbc.sql("SELECT count(*) FROM domain.ci_relationship").query(Long.class).single();
        System.out.printf(
            Locale.ROOT,
            "CMDB: %,d CIs, %,d relationships, loaded in %.1f s (durable embedded PostgreSQL,"
                + " %d cores)%n%n",
            ciCount,
            relCount,
            loadSeconds,
            Runtime.getRuntime().availableProcessors());
        final ImpactAnalysis impact = new ImpactAnalysis(db);
        final List<Row> rows =
            List.of(
                new Row("server", ImpactDirection.UP),
                new Row("database", ImpactDirection.UP),
                new Row("network_device", ImpactDirection.UP),
                new Row("business_service", ImpactDirection.DOWN),
                new Row("application", ImpactDirection.DOWN));
        // Unmeasured warm-up: JIT, plan cache, buffer cache.
        for (final Row row : rows) {
          measure(jdbc, impact, row, Math.max(20, queries / 5), 5, new Random(1));
        }
        System.out.println(
            "| from | direction | depth | queries | CIs reached (mean / max) | p50 ms | p95 ms |"
                + " p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (final Row row : rows) {
          for (final int depth : new int[] {3, 5}) {
            final double[] result = measure(jdbc, impact, row, queries, depth, new Random(42));
            System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %d | %.0f / %.0f | %.1f | %.1f | %.1f | %.1f |%n",
                row.from(),
                row.direction().name().toLowerCase(Locale.ROOT),
                depth,
                queries,
                result[0],
                result[1],
                result[2],
                result[3],
                result[4],
                result[5]);
          }
        }
      }
    }
  }

  /** {mean reached, max reached, p50, p95, p99, max ms} over {@code queries} random origins. */
  private static double[] measure(
      final JdbcClient jdbc,
      final ImpactAnalysis impact,
      final Row row,
      final int queries,
      final int depth,
      final Random random) {
    final List<UUID> origins =
        jdbc.sql(
                "SELECT id FROM domain.ci WHERE class_name = :c ORDER BY md5(id::text || :seed)"
                    + " LIMIT :n")
            .param("c", row.from())
            .param("seed", Integer.toString(random.nextInt()))
            .param("n", queries)
            .query(UUID.class)
            .list();
    final long[] nanos = new long[origins.size()];
    long reached = 0;
    long most = 0;
    for (int i = 0; i < origins.size(); i++) {
      final long start = System.nanoTime();
      final List<ImpactedCi> found = impact.reached(origins.get(i), row.direction(), depth);
      nanos[i] = System.nanoTime() - start;
      reached += found.size();
      most = Math.max(most, found.size());
    }
    Arrays.sort(nanos);
    return new double[] {
      (double) reached / origins.size(),
      most,
      percentile(nanos, 0.50),
      percentile(nanos, 0.95),
      percentile(nanos, 0.99),
      nanos[nanos.length - 1] / 1e6
    };
  }

  private static double percentile(final long[] sorted, final double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /**
   * The CIs per class numbered from 1 in a scratch table, then the relationships by rule between
   * random members of the classes, topped up with server-depends-on-server ones until there are
   * {@code relationships} (the unique constraint and the no-self check drop repeats).
   */
  static void load(final DataSource db, final int cis, final int relationships) throws Exception {
    try (Connection connection = db.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("SET search_path TO domain");
      sql.execute(
          "CREATE UNLOGGED TABLE bench_ci (class_name varchar(64), n integer, id uuid,"
              + " PRIMARY KEY (class_name, n))");
      int first = 0;
      for (final String[] share : CLASSES) {
        final int count = (int) Math.round(cis * Double.parseDouble(share[1]));
        sql.execute(
            "INSERT INTO bench_ci SELECT '"
                + share[0]
                + "', g, gen_random_uuid() FROM generate_series(1, "
                + count
                + ") g");
        sql.execute(
            "INSERT INTO ci (id, class_name, name, owner, support_group, environment, status,"
                + " criticality, attributes) SELECT id, class_name, class_name || '-' || n,"
                + " 'agent.nils', 'network-team', 'PRODUCTION', 'IN_SERVICE', "
                + (share[0].equals("business_service") || share[0].equals("application")
                    ? "(ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + n % 4]"
                    : "NULL")
                + ", '{}' FROM bench_ci WHERE class_name = '"
                + share[0]
                + "'");
        first += count;
      }
      sql.execute("ANALYZE bench_ci");
      // {source class, type, target class, per source}
      final String[][] rules = {
        {"business_service", "DEPENDS_ON", "application", "3"},
        {"business_service", "CONTAINS", "application", "2"},
        {"application", "RUNS_ON", "server", "3"},
        {"application", "DEPENDS_ON", "database", "1"},
        {"application", "DEPENDS_ON", "application", "1"},
        {"database", "HOSTED_ON", "server", "2"},
        {"server", "CONNECTS_TO", "network_device", "2"},
        {"network_device", "CONNECTS_TO", "network_device", "2"}
      };
      for (final String[] rule : rules) {
        relate(sql, rule[0], rule[1], rule[2], Integer.parseInt(rule[3]), Integer.MAX_VALUE);
      }
      for (int round = 0; round < 10; round++) {
        final long have = count(sql);
        if (have >= relationships) {
          break;
        }
        relate(sql, "server", "DEPENDS_ON", "server", 1, (int) (relationships - have));
      }
      sql.execute("DROP TABLE bench_ci");
      // What autovacuum does to freshly loaded tables soon after (PostgreSQL 13+ vacuums after
      // inserts too): statistics, and the visibility map that lets impact analysis read the
      // relationship index alone. Measuring before it ran would measure the load, not the walk.
      sql.execute("VACUUM ANALYZE ci");
      sql.execute("VACUUM ANALYZE ci_relationship");
      if (first == 0) {
        throw new IllegalStateException("no CIs");
      }
    }
  }

  private static void relate(
      final Statement sql,
      final String sourceClass,
      final String type,
      final String targetClass,
      final int perSource,
      final int atMost)
      throws Exception {
    // The random target number is drawn in a subquery, once per (source, k): volatile there, so
    // PostgreSQL does not push it into the join.
    sql.execute(
        "INSERT INTO ci_relationship (source_id, type, target_id, created_by)"
            + " SELECT p.source_id, '"
            + type
            + "', t.id, 'bench' FROM (SELECT s.id AS source_id, 1 + floor(random() * (SELECT"
            + " count(*) FROM bench_ci WHERE class_name = '"
            + targetClass
            + "'))::int AS target_n FROM bench_ci s CROSS JOIN generate_series(1, "
            + perSource
            + ") k WHERE s.class_name = '"
            + sourceClass
            + "') p JOIN bench_ci t ON t.class_name = '"
            + targetClass
            + "' AND t.n = p.target_n WHERE p.source_id <> t.id LIMIT "
            + atMost
            + " ON CONFLICT DO NOTHING");
  }

  private static long count(final Statement sql) throws Exception {
    try (var rows = sql.executeQuery("SELECT count(*) FROM ci_relationship")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
