package io.flowdesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the counting triggers (engine V19, V23) cost per command, as an A/B in one run: the
 * one-service-task scenario of {@link EngineBenchmark} with the triggers on and off (disabled in
 * this benchmark's own throwaway database), alternated round by round so that a change in the
 * machine's load falls on both; per row the rate, the CPU per completed instance in this JVM
 * (engine and client) and in PostgreSQL, and the load average before and after.
 *
 * <p>Run: {@code java -cp "$(cat target/classpath.txt):target/classes"
 * io.flowdesk.bench.CommandCostBenchmark 20 3}
 */
public final class CommandCostBenchmark {

  /** The engine's counting triggers, per table (V19; V23 names its own the same way). */
  private static final List<String> COUNTED_TABLES =
      List.of("engine.record_batch", "engine.process_instance", "engine.incident");

  private CommandCostBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (BenchEngine bench = new BenchEngine()) {
      final String oneTask = bench.deploySequence(1);
      final JdbcClient jdbc = JdbcClient.create(bench.dataSource);
      final CpuMeter cpu = new CpuMeter(bench.postgres);
      System.out.printf(
          "| round | workers | triggers | instances/s | JVM CPU ms/inst | PG CPU ms/inst | load"
              + " before -> after |%n|---|---|---|---|---|---|---|%n");
      for (final Workers.Delivery delivery : Workers.Delivery.values()) {
        // Unmeasured: the JIT's warm-up and the first pages of the tables.
        Throughput.run(bench.client, oneTask, Math.max(10, seconds / 2), delivery);
      }
      for (int round = 1; round <= rounds; round++) {
        // On first in odd rounds, off first in even ones: neither side always runs later.
        final boolean[] order =
            round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true};
        for (final Workers.Delivery delivery : Workers.Delivery.values()) {
          for (final boolean on : order) {
            triggers(jdbc, on);
            final double loadBefore = load();
            final CpuMeter.Reading before = cpu.read();
            final long begin = System.nanoTime();
            final double rate = Throughput.run(bench.client, oneTask, seconds, delivery);
            final double instances = rate * (System.nanoTime() - begin) / 1e9;
            final CpuMeter.Reading used = cpu.read().minus(before);
            System.out.printf(
                Locale.ROOT,
                "| %d | %s | %s | %.1f | %.2f | %.2f | %.1f -> %.1f |%n",
                round,
                delivery.name().toLowerCase(Locale.ROOT),
                on ? "on" : "off",
                rate,
                used.jvm() / instances,
                used.postgres() / instances,
                loadBefore,
                load());
          }
        }
      }
      triggers(jdbc, true);
    }
  }

  private static void triggers(final JdbcClient jdbc, final boolean on) {
    for (final String table : COUNTED_TABLES) {
      jdbc.sql("ALTER TABLE " + table + (on ? " ENABLE" : " DISABLE") + " TRIGGER USER").update();
    }
  }

  private static double load() {
    final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os.getSystemLoadAverage();
  }
}
