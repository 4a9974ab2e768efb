package io.flowdesk.bench.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 19's change calendar target: a month page with p95 below 200 ms while many changes are
 * scheduled. Starts the packaged app in its local default, raises {@code changes} standard changes
 * ("Restart an application server") through {@code POST /api/changes} as agent.anna, spread over
 * this month and the next (each on 1–3 named CIs), waits until their model has scheduled them, then
 * lets {@code users} signed-in people (agents, the manager and the CAB) with think time open the
 * month page, the week page, the next month and {@code GET /api/changes/calendar} for the month;
 * per page requests, p50/p95/p99/max and errors.
 *
 * <pre>
 * java -cp "$(cat target/classpath.txt):target/classes" io.flowdesk.bench.web.ChangeCalendarBenchmark \
 *     2000 60 20 ../app/target/flowdesk-app.jar
 * </pre>
 */
public final class ChangeCalendarBenchmark {

  private static final String PASSWORD =
      System.getProperty("flowdesk.demo-password", "demo-flowdesk-2025");
  private static final List<String> PEOPLE =
      List.of("agent.anna", "agent.nils", "manager.maria", "cab.carl", "cab.cora");
  private static final int SERVERS = 200;
  private static final Pattern TOTAL = Pattern.compile("\"totalItems\":(\\d+)");

  private ChangeCalendarBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int changes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    final int users = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    final Path jar = Path.of(args.length > 3 ? args[3] : "../app/target/flowdesk-app.jar");
    final long thinkMillis = Long.getLong("flowdesk.bench.think-ms", 1000);
    final int warmupSeconds = Integer.getInteger("flowdesk.bench.warmup-seconds", 20);
    final Path dataDir = Files.createTempDirectory("flowdesk-calendar-bench").resolve("data");
    final LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);

    try (AppProcess app = AppProcess.start(jar, dataDir, "1g")) {
      recordServers(app);
      long start = System.nanoTime();
      final int raised = raise(app, changes, month);
      System.out.printf(
          "raised %d standard changes through POST /api/changes in %.0f s%n",
          raised, (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      final int scheduled = awaitScheduled(app, raised);
      System.out.printf(
          "%d changes scheduled (or, past their planned start, in implementation) by their model after %.0f s more%n",
          scheduled, (System.nanoTime() - start) / 1e9);

      final List<WebSession> sessions = new ArrayList<>();
      for (int user = 0; user < users; user++) {
        sessions.add(WebSession.signIn(app.base(), PEOPLE.get(user % PEOPLE.size()), PASSWORD));
      }
      final List<String> paths =
          List.of(
              "/changes/calendar",
              "/changes/calendar?view=week&date=" + month.plusDays(10),
              "/changes/calendar?date=" + month.plusMonths(1),
              "/api/changes/calendar?from=" + month + "&to=" + month.plusMonths(1).minusDays(1));
      final long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      final long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
      final PortalBenchmark.PageTimings timings = new PortalBenchmark.PageTimings(measureFrom);
      final ExecutorService pool = Executors.newFixedThreadPool(users);
      final List<Future<Void>> running = new ArrayList<>();
      for (final WebSession session : sessions) {
        running.add(
            pool.submit(
                () ->
                    PortalBenchmark.browse(
                        session,
                        paths,
                        ChangeCalendarBenchmark::route,
                        deadline,
                        thinkMillis,
                        timings)));
      }
      PortalBenchmark.awaitAll(pool, running);
      System.out.printf(
          "%n%d users for %d s (after %d s unmeasured), think time %d ms on average, %d changes"
              + " scheduled over %s and the month after; load average %s%n",
          users,
          seconds,
          warmupSeconds,
          thinkMillis,
          scheduled,
          month.getMonth(),
          PortalBenchmark.loadAverage());
      timings.print(seconds);
    }
  }

  /** Raises the changes 8 at a time, each within this month or the next, 1–4 hours long. */
  private static int raise(final AppProcess app, final int changes, final LocalDate month)
      throws Exception {
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<WebSession> sessions = new ArrayList<>();
    for (int client = 0; client < 8; client++) {
      sessions.add(WebSession.signIn(app.base(), "agent.anna", PASSWORD));
    }
    final int days = month.lengthOfMonth() + month.plusMonths(1).lengthOfMonth();
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final List<Future<Void>> running = new ArrayList<>();
    for (final WebSession session : sessions) {
      running.add(
          pool.submit(
              () -> {
                final String csrf = WebSession.csrf(session.get("/changes").body());
                int change;
                while ((change = next.getAndIncrement()) < changes) {
                  final ThreadLocalRandom random = ThreadLocalRandom.current();
                  final var start =
                      month
                          .plusDays(random.nextInt(days))
                          .atTime(random.nextInt(24), 0)
                          .atOffset(ZoneOffset.UTC);
                  final HttpResponse<String> answer =
                      session.postJson(
                          "/api/changes",
                          """
                          {"type": "standard", "template": "restart-app-server",
                           "summary": "Restart app node %d", "affectedCis": %s,
                           "plannedStart": "%s", "plannedEnd": "%s"}"""
                              .formatted(
                                  change,
                                  cis(change),
                                  start,
                                  start.plusHours(1 + random.nextInt(4))),
                          csrf);
                  if (answer.statusCode() == 201) {
                    created.incrementAndGet();
                  } else if (failed.incrementAndGet() <= 3) {
                    System.err.println("change refused: " + answer.statusCode() + answer.body());
                  }
                }
                return null;
              }));
    }
    PortalBenchmark.awaitAll(pool, running);
    return created.get();
  }

  /**
   * Changes name CIs of the CMDB, so the 200 application servers are recorded first, as the CMDB
   * manager would; every second one has a weekend maintenance window, so the month also shows
   * windows and the conflicts of changes planned outside them.
   */
  private static void recordServers(final AppProcess app) throws Exception {
    final WebSession maria = WebSession.signIn(app.base(), "manager.maria", PASSWORD);
    final String csrf = WebSession.csrf(maria.get("/changes").body());
    for (int server = 0; server < SERVERS; server++) {
      final String window =
          server % 2 == 0 ? ", \"maintenanceWindow\": \"Sat 02:00-06:00, Sun 02:00-06:00\"" : "";
      final HttpResponse<String> answer =
          maria.postJson(
              "/api/cmdb/cis",
              """
              {"class": "server", "name": "app-node-%d", "environment": "production",
               "status": "IN_SERVICE"%s}"""
                  .formatted(server, window),
              csrf);
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("CI refused: " + answer.statusCode() + answer.body());
      }
    }
  }

  /** 1–3 of 200 application server names, so that CIs are shared between changes. */
  private static String cis(final int change) {
    final List<String> names = new ArrayList<>();
    for (int i = 0; i <= change % 3; i++) {
      names.add("\"app-node-" + ((change * 7 + i * 31) % SERVERS) + "\"");
    }
    return names.toString();
  }

  private static int awaitScheduled(final AppProcess app, final int raised) throws Exception {
    final WebSession anna = WebSession.signIn(app.base(), "agent.anna", PASSWORD);
    final long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    int scheduled = 0;
    while (System.nanoTime() < giveUp) {
      final Matcher total =
          TOTAL.matcher(anna.get("/api/changes?state=SCHEDULED&state=IMPLEMENT&size=1").body());
      scheduled = total.find() ? Integer.parseInt(total.group(1)) : 0;
      if (scheduled >= raised) {
        break;
      }
      Thread.sleep(2000);
    }
    return scheduled;
  }

  private static String route(final String path) {
    return path.replaceAll("\\d{4}-\\d{2}-\\d{2}", "{date}");
  }
}
