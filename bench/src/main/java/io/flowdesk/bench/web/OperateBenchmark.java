package io.flowdesk.bench.web;

import io.flowdesk.bench.ReportsBenchmark;
import io.flowdesk.domain.report.Report;
import io.flowdesk.domain.report.ReportRollup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 20's operations console targets: with {@code instances} process instances in the engine's
 * history and {@code incidents} incidents in the domain, the instance list with filters and an
 * instance page p95 < 300 ms, a definition's statistics page and each report < 500 ms, for 20
 * people with 1 s think time.
 *
 * <p>Starts the packaged app in its local default (on an embedded PostgreSQL port it can reach),
 * deploys three processes over {@code /v2/deployments}, takes one template instance of each process
 * to each end (completed, waiting at its last task, failed there with an incident) through the
 * engine's job API, then writes the year of instances as copies of those templates straight into
 * the engine's tables ({@link InstanceHistory}: 90 % completed, 8 % active, 2 % with an incident,
 * keys from a block reserved in the engine's key sequence) and the incidents as {@link
 * ReportsBenchmark} loads them (with the daily report summaries refreshed as the app's job does).
 * Then {@code users} people browse with think time: process owners (owner.otto, 80 %) the instance
 * list with filters and sorts, instance pages and the definitions' statistics pages; managers
 * (manager.maria, 20 %) the reports page over 30 and 365 days and each report's CSV over the year.
 * Per page requests, p50/p95/p99/max and errors, then the verdicts against the targets.
 *
 * <pre>
 * java -cp "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.web.OperateBenchmark \
 *     1000000 100000 60 20 ../app/target/flowdesk-app.jar
 * </pre>
 */
public final class OperateBenchmark {

  /** The template's value of the marker variable, replaced in each copy by its own number. */
  static final String MARKER = "7770001117";

  private static final String PASSWORD =
      System.getProperty("flowdesk.demo-password", "demo-flowdesk-2025");

  /** Three processes of one, two and three service tasks (job type {@code bench-<task>}). */
  private static final Map<String, List<String>> PROCESSES =
      new LinkedHashMap<>(
          Map.of(
              "bench-access", List.of("grant"),
              "bench-order", List.of("reserve", "ship"),
              "bench-onboard", List.of("account", "laptop", "badge")));

  private static final List<String> KINDS = List.of("incident", "completed", "active");
  private static final Pattern KEY = Pattern.compile("\"(?:processInstanceKey|jobKey)\":\"?(\\d+)");

  private OperateBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    final int incidents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    final int users = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    final Path jar = Path.of(args.length > 4 ? args[4] : "../app/target/flowdesk-app.jar");
    final long thinkMillis = Long.getLong("flowdesk.bench.think-ms", 1000);
    final int warmupSeconds = Integer.getInteger("flowdesk.bench.warmup-seconds", 20);
    // -Dflowdesk.bench.data-dir=DIR keeps the database: a later run with the same DIR browses the
    // instances and incidents already there (e.g. after an engine change) without seeding again.
    final String kept = System.getProperty("flowdesk.bench.data-dir", "");
    final Path dataDir =
        kept.isEmpty()
            ? Files.createTempDirectory("flowdesk-operate-bench").resolve("data")
            : Path.of(kept);
    final boolean seeded = Files.isDirectory(dataDir);
    final int dbPort = AppProcess.freePort();
    System.out.printf("load average at the start: %s%n", PortalBenchmark.loadAverage());

    try (AppProcess app =
        AppProcess.start(jar, dataDir, "1g", "--flowdesk.db.embedded-port=" + dbPort)) {
      final EngineApi engine = new EngineApi(app);
      final String url = "jdbc:postgresql://localhost:" + dbPort + "/flowdesk?user=postgres";
      System.out.printf("database: %s (data directory %s)%n", url, dataDir);
      final Map<String, Long> definitions;
      final Sample sample;
      try (Connection db = DriverManager.getConnection(url)) {
        if (seeded) {
          definitions = definitions(engine);
          System.out.println("kept data directory: browsing what it holds");
        } else {
          definitions = deploy(engine);
          final List<InstanceHistory.Template> templates = templates(engine, db, definitions);
          long start = System.nanoTime();
          seed(db, templates, instances);
          System.out.printf(
              Locale.ROOT,
              "%,d process instances written into the engine's tables in %.0f s%n",
              instances,
              (System.nanoTime() - start) / 1e9);
          start = System.nanoTime();
          final PGSimpleDataSource domain = new PGSimpleDataSource();
          domain.setUrl(url);
          ReportsBenchmark.load(domain, incidents);
          new ReportRollup(domain).refresh(LocalDate.of(2026, 1, 1), 7);
          System.out.printf(
              Locale.ROOT,
              "%,d incidents loaded into the domain, report summaries refreshed, in %.0f s%n",
              incidents,
              (System.nanoTime() - start) / 1e9);
        }
        sample = sample(db);
      }

      final Map<String, String> routes = new LinkedHashMap<>();
      final List<String> ownerPaths = ownerPaths(definitions, sample, routes);
      final List<String> managerPaths = managerPaths(routes);
      final List<WebSession> sessions = new ArrayList<>();
      for (int user = 0; user < users; user++) {
        sessions.add(
            WebSession.signIn(
                app.base(), user % 5 == 4 ? "manager.maria" : "owner.otto", PASSWORD));
      }
      final long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      final long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
      final PortalBenchmark.PageTimings timings = new PortalBenchmark.PageTimings(measureFrom);
      final ExecutorService pool = Executors.newFixedThreadPool(users);
      final List<Future<Void>> running = new ArrayList<>();
      for (int user = 0; user < users; user++) {
        final WebSession session = sessions.get(user);
        final List<String> paths = user % 5 == 4 ? managerPaths : ownerPaths;
        running.add(
            pool.submit(
                () ->
                    PortalBenchmark.browse(
                        session, paths, routes::get, deadline, thinkMillis, timings)));
      }
      PortalBenchmark.awaitAll(pool, running);
      System.out.printf(
          Locale.ROOT,
          "%n%d users (4 of 5 process owners, 1 of 5 managers) for %d s (after %d s unmeasured),"
              + " think time %d ms on average, %,d process instances, %,d incidents; load average"
              + " at the end %s%n",
          users,
          seconds,
          warmupSeconds,
          thinkMillis,
          instances,
          incidents,
          PortalBenchmark.loadAverage());
      timings.print(seconds, false);
      verdicts(timings);
    }
  }

  /** Deploys the three processes; their definition keys by process id. */
  private static Map<String, Long> deploy(final EngineApi engine) throws Exception {
    final Map<String, String> files = new LinkedHashMap<>();
    PROCESSES.forEach((id, tasks) -> files.put(id + ".bpmn", bpmn(id, tasks)));
    engine.deploy(files);
    return definitions(engine);
  }

  /** The deployed processes' definition keys by process id. */
  private static Map<String, Long> definitions(final EngineApi engine) throws Exception {
    final Map<String, Long> keys = new LinkedHashMap<>();
    for (final String id : PROCESSES.keySet()) {
      final Matcher key =
          Pattern.compile("\"processDefinitionKey\":\"?(\\d+)")
              .matcher(
                  engine.post(
                      "/v2/process-definitions/search",
                      "{\"filter\": {\"processDefinitionId\": \"" + id + "\"}}"));
      if (!key.find()) {
        throw new IllegalStateException(id + " not deployed");
      }
      keys.put(id, Long.parseLong(key.group(1)));
    }
    return keys;
  }

  private static String bpmn(final String id, final List<String> tasks) {
    final StringBuilder flow = new StringBuilder();
    String previous = "start";
    flow.append("<bpmn:startEvent id=\"start\"/>");
    for (final String task : tasks) {
      flow.append(
          "<bpmn:serviceTask id=\"%s\" name=\"%s\"><bpmn:extensionElements>".formatted(task, task)
              + "<zeebe:taskDefinition type=\"bench-%s\" retries=\"3\"/>".formatted(task)
              + "</bpmn:extensionElements></bpmn:serviceTask>");
      flow.append(
          "<bpmn:sequenceFlow id=\"to-%s\" sourceRef=\"%s\" targetRef=\"%s\"/>"
              .formatted(task, previous, task));
      previous = task;
    }
    flow.append("<bpmn:endEvent id=\"end\"/>");
    flow.append(
        "<bpmn:sequenceFlow id=\"to-end\" sourceRef=\"%s\" targetRef=\"end\"/>"
            .formatted(previous));
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%s"
            targetNamespace="http://flowdesk.io/bench">
          <bpmn:process id="%s" name="Bench %s" isExecutable="true">%s</bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, id, id, flow);
  }

  /**
   * Takes one instance of each process to each end through the engine's job API and reads its rows
   * back: an incident at the last task (retries used up), completed, and waiting at the last task.
   */
  private static List<InstanceHistory.Template> templates(
      final EngineApi engine, final Connection db, final Map<String, Long> definitions)
      throws Exception {
    final long lastDefinitionKey =
        definitions.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    final List<InstanceHistory.Template> templates = new ArrayList<>();
    for (final Map.Entry<String, List<String>> process : PROCESSES.entrySet()) {
      for (final String kind : KINDS) {
        final long instance =
            key(
                engine.post(
                    "/v2/process-instances",
                    """
                    {"processDefinitionId": "%s", "variables": {"orderId": %s,
                     "customer": "customer-%s", "region": "emea", "priority": "normal"}}"""
                        .formatted(process.getKey(), MARKER, MARKER)));
        final List<String> tasks = process.getValue();
        for (int t = 0; t < tasks.size(); t++) {
          final boolean last = t == tasks.size() - 1;
          if (last && kind.equals("active")) {
            break;
          }
          final long job = activate(engine, "bench-" + tasks.get(t));
          if (last && kind.equals("incident")) {
            engine.post(
                "/v2/jobs/" + job + "/failure",
                "{\"retries\": 0, \"errorMessage\": \"Directory service unavailable (503)\"}");
          } else {
            engine.post(
                "/v2/jobs/" + job + "/completion",
                "{\"variables\": {\"" + tasks.get(t) + "Done\": true}}");
          }
        }
        templates.add(
            InstanceHistory.template(db, kind, process.getKey(), instance, lastDefinitionKey));
      }
    }
    return templates;
  }

  private static long activate(final EngineApi engine, final String type) throws Exception {
    final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < giveUp) {
      final String answer =
          engine.post(
              "/v2/jobs/activation",
              """
              {"type": "%s", "worker": "bench", "timeout": 60000, "maxJobsToActivate": 1,
               "requestTimeout": 1000}"""
                  .formatted(type));
      if (answer.contains("jobKey")) {
        return key(answer.substring(answer.indexOf("jobKey") - 1));
      }
    }
    throw new IllegalStateException("no job of type " + type + " within 30 s");
  }

  private static long key(final String json) {
    final Matcher key = KEY.matcher(json);
    if (!key.find()) {
      throw new IllegalStateException("no key in " + json);
    }
    return Long.parseLong(key.group(1));
  }

  /** Instance keys and start days to browse, by kind of instance. */
  record Sample(Map<String, List<Long>> keys, Instant from) {}

  /**
   * The copies, spread evenly over the year before now in start order: process by turn, 90 %
   * completed, 8 % active, 2 % with an incident.
   */
  private static void seed(
      final Connection db, final List<InstanceHistory.Template> templates, final int instances)
      throws Exception {
    final long span = templates.stream().mapToLong(InstanceHistory.Template::span).max().orElse(1);
    final long firstKey = InstanceHistory.reserveKeys(db, span * instances);
    final Instant to = Instant.now().minus(Duration.ofHours(1));
    final Instant from = to.minus(Duration.ofDays(365));
    final long step = Duration.between(from, to).toMillis() / instances;
    final Map<String, InstanceHistory.Template> byName = new HashMap<>();
    for (final InstanceHistory.Template template : templates) {
      byName.put(template.process() + "/" + template.kind(), template);
    }
    final List<String> processes = new ArrayList<>(PROCESSES.keySet());
    final SplittableRandom random = new SplittableRandom(20);
    final int chunk = 100_000;
    db.setAutoCommit(false);
    for (int startAt = 0; startAt < instances; startAt += chunk) {
      final List<InstanceHistory.Copy> copies = new ArrayList<>(chunk);
      for (int n = startAt; n < Math.min(instances, startAt + chunk); n++) {
        final int roll = random.nextInt(100);
        final String kind = roll < 90 ? "completed" : roll < 98 ? "active" : "incident";
        final InstanceHistory.Template template =
            byName.get(processes.get(n % processes.size()) + "/" + kind);
        final long key = firstKey + n * span;
        copies.add(new InstanceHistory.Copy(template, key, from.plusMillis(n * step), n + 1L));
      }
      InstanceHistory.write(db, copies);
      db.commit();
    }
    db.setAutoCommit(true);
    try (Statement analyze = db.createStatement()) {
      analyze.execute("VACUUM ANALYZE engine.process_instance");
      for (final String table :
          List.of("element_instance", "variable", "job", "incident", "record_batch")) {
        analyze.execute("ANALYZE engine." + table);
      }
      try (ResultSet counts =
          analyze.executeQuery(
              "SELECT state, count(*) FROM engine.process_instance GROUP BY state ORDER BY 1")) {
        while (counts.next()) {
          System.out.printf(
              Locale.ROOT, "  %s: %,d instances%n", counts.getString(1), counts.getLong(2));
        }
      }
    }
  }

  /** 12 random instances of each kind, and when the history starts. */
  private static Sample sample(final Connection db) throws Exception {
    final Map<String, String> kinds =
        Map.of(
            "completed", "p.state = 'COMPLETED'",
            "active",
                "p.state = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM engine.incident i"
                    + " WHERE i.process_instance_key = p.key AND i.state = 'CREATED')",
            "incident",
                "EXISTS (SELECT 1 FROM engine.incident i"
                    + " WHERE i.process_instance_key = p.key AND i.state = 'CREATED')");
    final Map<String, List<Long>> keys = new LinkedHashMap<>();
    try (Statement statement = db.createStatement()) {
      for (final Map.Entry<String, String> kind : kinds.entrySet()) {
        final List<Long> found = new ArrayList<>();
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT p.key FROM engine.process_instance p TABLESAMPLE SYSTEM (5)"
                    + " WHERE p.bpmn_process_id LIKE 'bench-%' AND "
                    + kind.getValue()
                    + " LIMIT 12")) {
          while (rs.next()) {
            found.add(rs.getLong(1));
          }
        }
        keys.put(kind.getKey(), found);
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT min(created_at) FROM engine.process_instance"
                  + " WHERE bpmn_process_id LIKE 'bench-%'")) {
        rs.next();
        return new Sample(keys, rs.getTimestamp(1).toInstant());
      }
    }
  }

  private static List<String> ownerPaths(
      final Map<String, Long> definitions, final Sample sample, final Map<String, String> routes) {
    final List<String> paths = new ArrayList<>();
    final LocalDate first = LocalDate.ofInstant(sample.from(), ZoneOffset.UTC);
    final List<String[]> lists =
        List.of(
            new String[] {"/operate/instances", "list: all, newest first"},
            new String[] {"/operate/instances?process=bench-order", "list: process"},
            new String[] {
              "/operate/instances?process=bench-order&state=active", "list: process+active"
            },
            new String[] {"/operate/instances?state=incident", "list: incident"},
            new String[] {
              "/operate/instances?state=completed&startedFrom="
                  + first.plusMonths(5)
                  + "&startedTo="
                  + first.plusMonths(6),
              "list: completed+month"
            },
            new String[] {
              "/operate/instances?variableName=orderId&variableValue=4242", "list: variable"
            },
            new String[] {"/operate/instances?elementId=ship", "list: element"},
            new String[] {
              "/operate/instances?process=bench-onboard&sort=ended&order=desc&page=3",
              "list: process, by end, page 4"
            });
    // A page is drawn at random from the paths, so each list and each kind of instance page is in
    // it about as often as the others (12 each), the three definitions 4 times each.
    for (final String[] list : lists) {
      routes.put(list[0], list[1]);
      paths.addAll(java.util.Collections.nCopies(12, list[0]));
    }
    for (final Map.Entry<String, List<Long>> kind : sample.keys().entrySet()) {
      for (final long key : kind.getValue().subList(0, Math.min(12, kind.getValue().size()))) {
        final String path = "/operate/instances/" + key;
        routes.put(path, "instance page: " + kind.getKey());
        paths.add(path);
      }
    }
    for (final Map.Entry<String, Long> definition : definitions.entrySet()) {
      final String path = "/operate/processes/" + definition.getValue();
      routes.put(path, "definition statistics");
      paths.addAll(java.util.Collections.nCopies(4, path));
    }
    return paths;
  }

  /** The reports page over the last 30 days and the year of the incidents, each report's CSV. */
  private static List<String> managerPaths(final Map<String, String> routes) {
    final List<String> paths = new ArrayList<>();
    final String month = "from=2025-12-02&to=2025-12-31";
    final String year = "from=2025-01-01&to=2025-12-31";
    routes.put("/reports?" + month, "reports page: 30 days");
    routes.put("/reports?" + year, "reports page: 365 days");
    paths.add("/reports?" + month);
    paths.add("/reports?" + year);
    for (final Report report : Report.values()) {
      final String path = "/reports/" + report.slug() + ".csv?" + year;
      routes.put(path, "report " + report.slug() + ".csv: 365 days");
      paths.add(path);
    }
    return paths;
  }

  /** Each row's p95 against its target: 300 ms for list and instance pages, 500 ms otherwise. */
  private static void verdicts(final PortalBenchmark.PageTimings timings) {
    System.out.println();
    System.out.println("targets (p95; issue 20):");
    timings
        .p95ByRoute()
        .forEach(
            (route, p95) -> {
              final double target =
                  route.startsWith("list") || route.startsWith("instance page") ? 300 : 500;
              System.out.printf(
                  Locale.ROOT,
                  "  %-40s p95 %7.1f ms  target < %.0f ms  %s%n",
                  route,
                  p95,
                  target,
                  p95 < target ? "met" : "MISSED");
            });
  }
}
