package io.flowdesk.bench;

import io.flowdesk.connectors.rpa.BrowserPool;
import io.flowdesk.connectors.rpa.BrowserPoolConfig;
import io.flowdesk.connectors.rpa.LegacyAdminConsole;
import io.flowdesk.connectors.rpa.RpaRunSettings;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.connectors.rpa.RpaScript;
import io.flowdesk.connectors.rpa.RpaScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Seconds per scripted form fill: the connectors' create-user script (sign in, fill a two-page
 * form, confirm, check the new user: 21 steps) against a local legacy admin console, on a warm
 * browser pool of 1 and of 2 Chromium browsers, each browser driven by its own thread.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.RpaBenchmark 40}
 */
public final class RpaBenchmark {

  private static final int WARM_UP_RUNS_PER_BROWSER = 3;

  private RpaBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    final Path artifacts = Files.createTempDirectory("flowdesk-rpa-bench");
    final RpaScript script = RpaScripts.createUser();
    System.out.printf(
        "| %8s | %5s | %7s | %7s | %7s | %7s |%n",
        "browsers", "runs", "p50 s", "p95 s", "mean s", "runs/s");
    System.out.printf(
        "|%s|%s|%s|%s|%s|%s|%n",
        "-".repeat(10), "-".repeat(7), "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(9));
    try (LegacyAdminConsole console = LegacyAdminConsole.start()) {
      for (final int browsers : new int[] {1, 2}) {
        try (BrowserPool pool = new BrowserPool(BrowserPoolConfig.of(browsers))) {
          pool.warmUp();
          final RpaRunner runner = new RpaRunner(pool, RpaRunSettings.of(artifacts));
          measure(runner, script, console, browsers, WARM_UP_RUNS_PER_BROWSER * browsers);
          final int before = console.createdUsers().size();
          final long begin = System.nanoTime();
          final double[] seconds = measure(runner, script, console, browsers, runs);
          final double wall = (System.nanoTime() - begin) / 1e9;
          if (console.createdUsers().size() - before != runs) {
            throw new IllegalStateException("not every run created its user");
          }
          Arrays.sort(seconds);
          System.out.printf(
              "| %8d | %5d | %7.3f | %7.3f | %7.3f | %7.2f |%n",
              browsers,
              runs,
              percentile(seconds, 0.50),
              percentile(seconds, 0.95),
              Arrays.stream(seconds).average().orElse(0),
              runs / wall);
        }
      }
    } finally {
      deleteRecursively(artifacts);
    }
  }

  /** Runs the script {@code runs} times on {@code threads} threads; answers each run's seconds. */
  private static double[] measure(
      final RpaRunner runner,
      final RpaScript script,
      final LegacyAdminConsole console,
      final int threads,
      final int runs)
      throws Exception {
    final AtomicInteger next = new AtomicInteger();
    final ConcurrentLinkedQueue<Double> seconds = new ConcurrentLinkedQueue<>();
    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      final Future<?>[] workers = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        workers[t] =
            pool.submit(
                () -> {
                  while (next.getAndIncrement() < runs) {
                    final long start = System.nanoTime();
                    runner.run(
                        script,
                        RpaScripts.createUserInputs(
                            console.baseUrl(), "bench-" + USERS.incrementAndGet()),
                        RpaScripts.secrets());
                    seconds.add((System.nanoTime() - start) / 1e9);
                  }
                  return null;
                });
      }
      for (final Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return seconds.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static final AtomicInteger USERS = new AtomicInteger();

  private static double percentile(final double[] sorted, final double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static void deleteRecursively(final Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
