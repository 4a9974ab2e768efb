package io.flowdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The engine's performance table: PostgreSQL's commit ceiling, throughput, latency, database
 * footprint and memory, measured through the real camunda client over gRPC.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.EngineBenchmark 60}
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    try (BenchEngine bench = new BenchEngine()) {
      final String oneTask = bench.deploySequence(1);
      final String tenTasks = bench.deploySequence(10);
      row("PostgreSQL commits/s, 1 connection", "%.0f", commitCeiling(bench.dataSource, 10));
      row(
          "gRPC Topology round trips/s (no engine work)",
          "%.0f",
          RpcCeiling.measure(bench.client, Math.min(seconds, 20)));
      for (final Workers.Delivery delivery : Workers.Delivery.values()) {
        final String by = delivery.name().toLowerCase(Locale.ROOT);
        row(
            "instances/s, 1 service task, " + by,
            "%.1f",
            Throughput.measure(bench.client, oneTask, seconds, delivery));
        row(
            "instances/s, 10 service tasks, " + by,
            "%.1f",
            Throughput.measure(bench.client, tenTasks, seconds, delivery));
        for (final int rate : new int[] {100, 200}) {
          row(
              "create->handler ms p50/p99/max @" + rate + "/s, " + by,
              "%s",
              Latency.describe(
                  Latency.measure(bench.client, oneTask, rate, Math.min(seconds, 30), delivery)));
        }
      }
      final double[] footprint = Footprint.measure(bench.client, bench.dataSource, oneTask, 2_000);
      row("rows per completed instance", "%.1f", footprint[0]);
      row("bytes per completed instance", "%.0f", footprint[1]);
      row("heap after GC (MB)", "%.0f", BenchEngine.heapAfterGc() / 1e6);
      row("RSS (MB)", "%.0f", BenchEngine.rssBytes() / 1e6);
    }
  }

  private static void row(final String measure, final String format, final Object value) {
    System.out.printf("| %-50s | %20s |%n", measure, String.format(format, value));
  }

  /** Single-connection INSERT+COMMIT loop: the durable commit rate of this machine. */
  static double commitCeiling(final DataSource dataSource, final int seconds) throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGSERIAL PRIMARY KEY, v INT)");
      connection.setAutoCommit(false);
      long count = 0;
      final long begin = System.nanoTime();
      final long end = begin + Duration.ofSeconds(seconds).toNanos();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO bench_commit (v) VALUES (1)")) {
        while (System.nanoTime() < end) {
          insert.executeUpdate();
          connection.commit();
          count++;
        }
      }
      connection.setAutoCommit(true);
      ddl.execute("DROP TABLE bench_commit");
      return count / ((System.nanoTime() - begin) / 1e9);
    }
  }
}
