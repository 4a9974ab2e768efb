package io.flowdesk.bench;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.cmdb.CiImport;
import io.flowdesk.domain.cmdb.CiImportRow;
import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ImportRun;
import io.flowdesk.domain.cmdb.RelationshipImportRow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Issue 19's import target (≥ 5,000 CIs/s with reconciliation): the domain's {@link CmdbImport} in
 * a Spring Boot context as the app has it, on a durable embedded PostgreSQL. Per round: a fresh
 * import of {@code cis} servers (with serial numbers, three attributes) and one relationship per
 * CI, the same input again (all unchanged), the input with 10 % of the CIs changed (owner and an
 * attribute: updates with history), and the input without 10 % of them with retiring on. Each row
 * counts the CIs reconciled per second of the whole run (read, reconcile, write, report).
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -Xmx1g -cp
 * "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.CmdbImportBenchmark 50000 2}
 */
public final class CmdbImportBenchmark {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  private CmdbImportBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int cis = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (EmbeddedPostgres postgres = DurablePostgres.start();
        ConfigurableApplicationContext context =
            new SpringApplicationBuilder(DomainApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--spring.flyway.enabled=false",
                    "--logging.level.root=WARN",
                    "--flowdesk.secrets.key=" + "A".repeat(43) + "=")) {
      final CmdbImport imports = context.getBean(CmdbImport.class);
      System.out.printf(
          Locale.ROOT,
          "%-28s %8s %8s %10s %9s %9s %9s %9s %9s%n",
          "run",
          "CIs",
          "seconds",
          "CIs/s",
          "inserted",
          "updated",
          "unchanged",
          "retired",
          "rel.added");
      for (int round = 1; round <= rounds; round++) {
        final String source = "bench-" + round;
        final String prefix = "r" + round + "-";
        final List<RelationshipImportRow> links = links(prefix, cis);
        measure(
            "round " + round + " fresh",
            cis,
            () -> imports.importCis(new CiImport(source, false, rows(prefix, cis, 0, -1), links)));
        measure(
            "round " + round + " same again",
            cis,
            () -> imports.importCis(new CiImport(source, false, rows(prefix, cis, 0, -1), links)));
        measure(
            "round " + round + " 10% changed",
            cis,
            () -> imports.importCis(new CiImport(source, false, rows(prefix, cis, 10, -1), links)));
        measure(
            "round " + round + " 10% gone, retire",
            cis,
            () ->
                imports.importCis(
                    new CiImport(source, true, rows(prefix, cis, 10, 10), List.of())));
      }
    }
  }

  private static void measure(final String name, final int cis, final Supplier<ImportRun> run) {
    final long started = System.nanoTime();
    final ImportRun report = run.get();
    final double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-28s %8d %8.2f %10.0f %9d %9d %9d %9d %9d%n",
        name,
        cis,
        seconds,
        cis / seconds,
        report.inserted(),
        report.updated(),
        report.unchanged(),
        report.retired(),
        report.relationshipsAdded());
  }

  /**
   * Servers {@code prefix0..}; every {@code changeEvery}-th one with another owner and cpus, every
   * {@code dropEvery}-th one left out (0 / -1: none).
   */
  private static List<CiImportRow> rows(
      final String prefix, final int count, final int changeEvery, final int dropEvery) {
    final List<CiImportRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (dropEvery > 0 && i % dropEvery == 3) {
        continue;
      }
      final boolean changed = changeEvery > 0 && i % changeEvery == 7;
      rows.add(
          new CiImportRow(
              i + 2,
              "server",
              prefix + "srv-" + i,
              prefix + "SN" + i,
              changed ? "agent.olga" : "agent.nils",
              "unix-team",
              "production",
              null,
              Map.of(
                  "hostname",
                  prefix + "srv-" + i + ".example.net",
                  "cpus",
                  String.valueOf(changed ? 16 : 8),
                  "operatingSystem",
                  "Debian 12")));
    }
    return rows;
  }

  private static List<RelationshipImportRow> links(final String prefix, final int count) {
    final List<RelationshipImportRow> links = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      links.add(
          new RelationshipImportRow(
              i + 2,
              "server",
              prefix + "srv-" + i,
              "connects to",
              "server",
              prefix + "srv-" + ((i + 1) % count)));
    }
    return links;
  }
}
