package io.flowdesk.bench.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portal and inbox page latency under concurrent users (issue 6's target: p95 below 200 ms for 50
 * users over 60 s with 10,000 incidents in the database, no errors).
 *
 * <p>Starts the packaged app in its local default (embedded PostgreSQL, demo users), reports the
 * incidents through {@code POST /api/incidents} as the demo end users (each starts its process, so
 * the agents' inboxes fill with real tasks), then lets signed-in end users, agents and managers
 * request their pages in a loop. Everything shares this machine's cores: the app, its PostgreSQL,
 * the engine's workers and the simulated browsers.
 *
 * <p>{@code -Dflowdesk.bench.think-ms=1000} lets each user think (on average that long, uniformly
 * between half and one and a half times it) between page views, as real users do; without it (0)
 * every user asks again the moment a page arrives (a closed loop, far heavier than that many
 * people). {@code -Dflowdesk.bench.data-dir=DIR} keeps the database between runs, so the next run
 * only tops up the incidents. The first {@code -Dflowdesk.bench.warmup-seconds} (20) of traffic are
 * not measured.
 *
 * <pre>
 * java -cp "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.web.PortalBenchmark \
 *     10000 60 50 ../app/target/flowdesk-app.jar
 * </pre>
 */
public final class PortalBenchmark {

  private static final String PASSWORD =
      System.getProperty("flowdesk.demo-password", "demo-flowdesk-2025");
  private static final List<String> END_USERS = List.of("alice", "bob");
  private static final List<String> AGENTS = List.of("agent.anna", "agent.nils");
  private static final List<String> MANAGERS = List.of("manager.maria");
  private static final Pattern NUMBER = Pattern.compile("INC\\d{7}");
  private static final String[] CATEGORIES = {"network", "hardware", "software", "access", "other"};
  private static final String[] LEVELS = {"high", "medium", "low"};

  private PortalBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final int users = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    final Path jar = Path.of(args.length > 3 ? args[3] : "../app/target/flowdesk-app.jar");
    final long thinkMillis = Long.getLong("flowdesk.bench.think-ms", 0);
    final int warmupSeconds = Integer.getInteger("flowdesk.bench.warmup-seconds", 20);
    // A kept data directory skips the minutes of seeding on the next run: only the incidents
    // missing to the asked number are reported.
    final String keptData = System.getProperty("flowdesk.bench.data-dir", "");
    final Path dataDir =
        keptData.isBlank()
            ? Files.createTempDirectory("flowdesk-portal-bench").resolve("data")
            : Path.of(keptData).toAbsolutePath();

    try (AppProcess app = AppProcess.start(jar, dataDir, "1g")) {
      final int present = incidentsIn(app);
      final long seedStart = System.nanoTime();
      final int reported = seed(app, Math.max(0, incidents - present));
      final double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      final int seeded = present + reported;
      System.out.printf(
          "%d incidents already in %s; reported %d through POST /api/incidents in %.0f s"
              + " (%.0f/s)%n",
          present, dataDir, reported, seedSeconds, reported / Math.max(seedSeconds, 1e-3));

      awaitIdleEngine(app);
      // Everyone signs in and finds their records before the clock starts: the measured minute
      // is page traffic only, not 50 bcrypt checks.
      final List<Browser> people = new ArrayList<>();
      for (int user = 0; user < users; user++) {
        people.add(Browser.of(app, persona(user)));
      }
      // The same traffic for the warm-up, unmeasured: a server runs for days, so its first
      // seconds (JIT compilation, first template parses, empty caches) are not what users see.
      final long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      final PageTimings timings = new PageTimings(measureFrom);
      final long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
      final ExecutorService browsers = Executors.newFixedThreadPool(users);
      final List<Future<Void>> running = new ArrayList<>();
      for (final Browser person : people) {
        running.add(browsers.submit(() -> browse(person, deadline, thinkMillis, timings)));
      }
      awaitAll(browsers, running);
      System.out.printf(
          "%n%d simulated users for %d s (after a %d s unmeasured warm-up), %d incidents in the"
              + " database, %s; load average %s%n",
          users,
          seconds,
          warmupSeconds,
          seeded,
          thinkMillis == 0
              ? "no think time (closed loop: each user asks again as soon as a page arrives)"
              : "think time %d ms on average (uniform %d..%d ms) between a user's pages"
                  .formatted(thinkMillis, thinkMillis / 2, thinkMillis * 3 / 2),
          loadAverage());
      timings.print(seconds);
    }
  }

  /** 40 % end users, 50 % agents, 10 % managers. */
  private static String persona(final int user) {
    final int slot = user % 10;
    if (slot < 4) {
      return END_USERS.get(user % END_USERS.size());
    }
    if (slot < 9) {
      return AGENTS.get(user % AGENTS.size());
    }
    return MANAGERS.get(0);
  }

  private static int seed(final AppProcess app, final int incidents) throws Exception {
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger next = new AtomicInteger();
    final ExecutorService reporters = Executors.newFixedThreadPool(8);
    final List<Future<Void>> running = new ArrayList<>();
    for (int reporter = 0; reporter < 8; reporter++) {
      final String caller = END_USERS.get(reporter % END_USERS.size());
      running.add(
          reporters.submit(
              () -> {
                final WebSession session = WebSession.signIn(app.base(), caller, PASSWORD);
                final String token = WebSession.csrf(session.get("/portal").body());
                while (next.getAndIncrement() < incidents) {
                  final ThreadLocalRandom random = ThreadLocalRandom.current();
                  final String json =
                      """
                    {"shortDescription": "Benchmark incident %d", \
                    "description": "Reported by the portal benchmark.", \
                    "category": "%s", "impact": "%s", "urgency": "%s"}"""
                          .formatted(
                              random.nextInt(),
                              CATEGORIES[random.nextInt(CATEGORIES.length)],
                              LEVELS[random.nextInt(LEVELS.length)],
                              LEVELS[random.nextInt(LEVELS.length)]);
                  final HttpResponse<String> answer =
                      session.postJson("/api/incidents", json, token);
                  if (answer.statusCode() == 201) {
                    created.incrementAndGet();
                  } else if (failed.incrementAndGet() <= 3) {
                    System.err.println(
                        "report refused: " + answer.statusCode() + " " + answer.body());
                  }
                }
                return null;
              }));
    }
    awaitAll(reporters, running);
    if (failed.get() > 0) {
      System.out.printf("%d reports failed%n", failed.get());
    }
    return created.get();
  }

  /** Waits for every task, failing with the first one's failure. */
  static void awaitAll(final ExecutorService pool, final List<Future<Void>> tasks)
      throws Exception {
    try {
      for (final Future<Void> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A signed-in person with the incident numbers they may open. */
  private record Browser(WebSession session, List<String> numbers, boolean endUser) {
    static Browser of(final AppProcess app, final String username) throws Exception {
      final WebSession session = WebSession.signIn(app.base(), username, PASSWORD);
      return new Browser(session, numbersVisibleTo(session), END_USERS.contains(username));
    }
  }

  /**
   * Waits until the engine has worked off what the reports started (classification jobs), so the
   * measured minute is not also the seeding's tail.
   */
  private static void awaitIdleEngine(final AppProcess app) throws Exception {
    final EngineApi engine = new EngineApi(app);
    final long start = System.nanoTime();
    while (true) {
      final String body =
          engine.post(
              "/v2/jobs/search",
              "{\"filter\": {\"type\": \"flowdesk:incident-classify\"}, \"page\": {\"limit\": 1}}");
      if (body.contains("\"totalItems\":0")) {
        System.out.printf(
            "engine idle (no classification job left) after %.0f s%n",
            (System.nanoTime() - start) / 1e9);
        return;
      }
      Thread.sleep(1000);
    }
  }

  private static Void browse(
      final Browser person, final long deadline, final long thinkMillis, final PageTimings timings)
      throws Exception {
    final WebSession session = person.session();
    final List<String> numbers = person.numbers();
    final boolean endUser = person.endUser();
    final Map<String, String> pages =
        endUser
            ? Map.of(
                "/portal", "/portal",
                "/portal/requests", "/portal/requests",
                "/portal/requests?page=5", "/portal/requests?page=5",
                "/portal/requests/{number}", "/portal/requests/")
            : Map.of(
                "/inbox", "/inbox",
                "/inbox?sort=priority&page=3", "/inbox?sort=priority&page=3",
                "/incidents/{number}", "/incidents/",
                "/api/incidents?page=10", "/api/incidents?page=10");
    final List<String> routes = new ArrayList<>(pages.keySet());
    while (System.nanoTime() < deadline) {
      final String route = routes.get(ThreadLocalRandom.current().nextInt(routes.size()));
      String path = pages.get(route);
      if (route.endsWith("{number}")) {
        if (numbers.isEmpty()) {
          continue;
        }
        path += numbers.get(ThreadLocalRandom.current().nextInt(numbers.size()));
      }
      timed(session, path, route, timings);
      think(thinkMillis, deadline);
    }
    return null;
  }

  /**
   * One user until the deadline: a random page of {@code paths}, timed under its {@code route}
   * (numbers and words folded into a placeholder), then think time.
   */
  static Void browse(
      final WebSession session,
      final List<String> paths,
      final UnaryOperator<String> route,
      final long deadline,
      final long thinkMillis,
      final PageTimings timings)
      throws Exception {
    while (System.nanoTime() < deadline) {
      final String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
      timed(session, path, route.apply(path), timings);
      think(thinkMillis, deadline);
    }
    return null;
  }

  /** One page view, recorded under {@code route} with its status (-1 when nothing came back). */
  static void timed(
      final WebSession session, final String path, final String route, final PageTimings timings)
      throws InterruptedException {
    final long start = System.nanoTime();
    int status;
    try {
      status = session.get(path).statusCode();
    } catch (java.io.IOException e) {
      status = -1;
    }
    timings.record(route, start, System.nanoTime() - start, status);
  }

  /**
   * A person reading the page before the next click, as load-testing tools model real users:
   * uniformly random between half and one and a half times the mean, so that users do not march in
   * step. Never past the end of the measured time.
   */
  static void think(final long meanMillis, final long deadline) throws InterruptedException {
    if (meanMillis <= 0) {
      return;
    }
    final long millis =
        ThreadLocalRandom.current().nextLong(meanMillis / 2, meanMillis * 3 / 2 + 1);
    final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    Thread.sleep(Math.max(0, Math.min(millis, left)));
  }

  /** How many incidents a kept data directory already holds (as the manager sees them all). */
  private static int incidentsIn(final AppProcess app) throws Exception {
    final WebSession manager = WebSession.signIn(app.base(), MANAGERS.get(0), PASSWORD);
    final Matcher total =
        Pattern.compile("\"totalItems\":(\\d+)")
            .matcher(manager.get("/api/incidents?size=1").body());
    return total.find() ? Integer.parseInt(total.group(1)) : 0;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Incident numbers the person may open, read from the first pages of the incident API. */
  private static List<String> numbersVisibleTo(final WebSession session) throws Exception {
    final List<String> numbers = new ArrayList<>();
    for (int page = 0; page < 5; page++) {
      final Matcher matcher =
          NUMBER.matcher(session.get("/api/incidents?size=100&page=" + page).body());
      while (matcher.find()) {
        numbers.add(matcher.group());
      }
    }
    return numbers;
  }

  /** Latencies and failures by route. */
  static final class PageTimings {
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final Map<String, Integer> firstErrorStatus = new ConcurrentHashMap<>();
    private final long measureFrom;

    PageTimings(final long measureFrom) {
      this.measureFrom = measureFrom;
    }

    /** Records a page view that started at {@code start} (System.nanoTime), unless in warm-up. */
    void record(final String route, final long start, final long nanos, final int status) {
      if (start < measureFrom) {
        return;
      }
      latencies
          .computeIfAbsent(route, r -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(nanos);
      if (status != 200) {
        errors.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
        firstErrorStatus.putIfAbsent(route, status);
      }
    }

    /** Each route's p95 in ms, by route. */
    Map<String, Double> p95ByRoute() {
      final Map<String, Double> p95 = new java.util.TreeMap<>();
      latencies.forEach(
          (route, values) -> {
            final long[] sorted;
            synchronized (values) {
              sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            p95.put(route, percentile(sorted, 0.95));
          });
      return p95;
    }

    void print(final int seconds) {
      print(seconds, true);
    }

    /** The table, with an "all pages" total when the rows are parts of one load. */
    void print(final int seconds, final boolean total) {
      System.out.printf(
          "%-30s %9s %7s %9s %9s %9s %9s %8s%n",
          "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
      final List<Long> all = new ArrayList<>();
      int allErrors = 0;
      for (final String route : new java.util.TreeSet<>(latencies.keySet())) {
        final List<Long> values;
        synchronized (latencies.get(route)) {
          values = new ArrayList<>(latencies.get(route));
        }
        all.addAll(values);
        final int failed = errors.getOrDefault(route, new AtomicInteger()).get();
        allErrors += failed;
        row(route, values, failed, seconds);
        if (failed > 0) {
          System.out.printf("    first failing status: %d%n", firstErrorStatus.get(route));
        }
      }
      if (total) {
        row("all pages", all, allErrors, seconds);
      }
    }

    private static void row(
        final String route, final List<Long> values, final int failed, final int seconds) {
      final long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "%-30s %9d %7.1f %9.1f %9.1f %9.1f %9.1f %8d%n",
          route,
          sorted.length,
          sorted.length / (double) seconds,
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
          failed);
    }

    private static double percentile(final long[] sorted, final double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
  }
}
