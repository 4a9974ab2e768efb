package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages and timers at volume: message correlations per second (publish -> catch event ->
 * instance completes), and timers firing among 100,000 pending ones, with how late they fire.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am install -DskipTests && cd bench && java -cp "$(cat
 * target/classpath.txt):target/classes" io.flowdesk.bench.EventBenchmark 20000 100000}
 */
public final class EventBenchmark {

  private static final int IN_FLIGHT = 64;

  private EventBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    final int pendingTimers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    try (BenchEngine bench = new BenchEngine()) {
      final JdbcClient jdbc = JdbcClient.create(bench.dataSource);
      messageCorrelations(bench.client, jdbc, new CpuMeter(bench.postgres), messages);
      timers(bench.client, jdbc, pendingTimers);
    }
  }

  private static void messageCorrelations(
      final CamundaClient client, final JdbcClient jdbc, final CpuMeter cpu, final int count)
      throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("benchMessage")
                .startEvent()
                .intermediateCatchEvent(
                    "paid",
                    e ->
                        e.message(m -> m.name("bench-paid").zeebeCorrelationKeyExpression("order")))
                .endEvent()
                .done(),
            "benchMessage.bpmn")
        .send()
        .join();
    // The JIT goes on improving the path for tens of thousands of commands (the JVM's CPU per
    // correlation halves over the first 40,000): a warm-up round as large as the measured one, not
    // measured, so that the rate is the steady one a running server has.
    final int warmUp = count;
    createWaiting(client, "w-", warmUp);
    correlations(client, jdbc, "w-", warmUp, 0);
    final double createdPerSecond = createWaiting(client, "o-", count);
    row("instances created/s, waiting on a message", "%.0f", createdPerSecond);
    final CpuMeter.Reading cpuBefore = cpu.read();
    final long begin = System.nanoTime();
    correlations(client, jdbc, "o-", count, warmUp);
    row(
        "message correlations/s (publish->complete)",
        "%.0f",
        count / ((System.nanoTime() - begin) / 1e9));
    final CpuMeter.Reading used = cpu.read().minus(cpuBefore);
    row(
        "CPU ms per correlation: JVM / PostgreSQL",
        "%s",
        String.format("%.2f / %.2f", used.jvm() / count, used.postgres() / count));
  }

  /** Creates {@code count} instances waiting for the message keyed {@code prefix + i}. */
  private static double createWaiting(
      final CamundaClient client, final String prefix, final int count)
      throws InterruptedException {
    return pipelined(
        count,
        i ->
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("benchMessage")
                .latestVersion()
                .variables(Map.of("order", prefix + i))
                .send());
  }

  /**
   * Publishes the message of each instance {@link #createWaiting} created with {@code prefix} and
   * waits until all of them completed.
   */
  private static void correlations(
      final CamundaClient client,
      final JdbcClient jdbc,
      final String prefix,
      final int count,
      final int completedBefore)
      throws InterruptedException {
    pipelined(
        count,
        i ->
            client
                .newPublishMessageCommand()
                .messageName("bench-paid")
                .correlationKey(prefix + i)
                .variables(Map.of("amount", i))
                .send());
    awaitCount(jdbc, "benchMessage", "COMPLETED", completedBefore + count);
  }

  /**
   * Creates {@code pending} instances waiting a day, then 10,000 timers due over 30 s and 10,000
   * due at one instant, and reports how late the first fire and how fast the second drain.
   */
  private static void timers(final CamundaClient client, final JdbcClient jdbc, final int pending)
      throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("benchTimer")
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.timerWithDateExpression("due"))
                .endEvent()
                .done(),
            "benchTimer.bpmn")
        .send()
        .join();
    final Instant farAway = Instant.now().plus(Duration.ofDays(1));
    final double createdPerSecond =
        pipelined(pending, i -> createTimer(client, farAway.toString()));
    row("instances created/s, waiting on a timer", "%.0f", createdPerSecond);
    row("pending timers", "%d", pendingCount(jdbc));

    final int firing = 10_000;
    // Every timer is created before the first is due, so lateness is the engine's alone.
    final long creationSeconds = (long) (2 * firing / createdPerSecond) + 5;
    final Instant spreadStart = Instant.now().plusSeconds(creationSeconds);
    pipelined(
        firing, i -> createTimer(client, spreadStart.plusMillis(i * 30_000L / firing).toString()));
    awaitFiredBefore(jdbc, farAway);
    final List<Long> lateness = lateness(jdbc, firing);
    row("timer lateness ms p50/p99/max", "%s", percentiles(lateness));

    final Instant together = Instant.now().plusSeconds(creationSeconds);
    pipelined(firing, i -> createTimer(client, together.toString()));
    while (Instant.now().isBefore(together)) {
      Thread.sleep(20);
    }
    final long begin = System.nanoTime();
    awaitFiredBefore(jdbc, farAway);
    row("timers fired/s, 10,000 due at once", "%.0f", firing / ((System.nanoTime() - begin) / 1e9));
    row("pending timers after the runs", "%d", pendingCount(jdbc));
  }

  private static CamundaFuture<?> createTimer(final CamundaClient client, final String due) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("benchTimer")
        .latestVersion()
        .variables(Map.of("due", due))
        .send();
  }

  /** Sends {@code count} requests with {@value #IN_FLIGHT} in flight; answers requests/s. */
  private static double pipelined(final int count, final IntFunction<CamundaFuture<?>> request)
      throws InterruptedException {
    final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    final long begin = System.nanoTime();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      request
          .apply(i)
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  System.err.println("request failed: " + error.getMessage());
                }
                inFlight.release();
              });
    }
    inFlight.acquire(IN_FLIGHT);
    return count / ((System.nanoTime() - begin) / 1e9);
  }

  private static void awaitCount(
      final JdbcClient jdbc, final String processId, final String state, final long count)
      throws InterruptedException {
    while (jdbc.sql(
                "SELECT count(*) FROM engine.process_instance WHERE bpmn_process_id = ?"
                    + " AND state = ?")
            .params(processId, state)
            .query(Long.class)
            .single()
        < count) {
      Thread.sleep(50);
    }
  }

  private static long pendingCount(final JdbcClient jdbc) {
    return jdbc.sql("SELECT count(*) FROM engine.timer").query(Long.class).single();
  }

  /** Waits until every timer due before {@code farAway} fired: only the far ones are left. */
  private static void awaitFiredBefore(final JdbcClient jdbc, final Instant farAway)
      throws InterruptedException {
    while (jdbc.sql("SELECT count(*) > 0 FROM engine.timer WHERE due_date < ?")
        .param(Timestamp.from(farAway))
        .query(Boolean.class)
        .single()) {
      Thread.sleep(20);
    }
  }

  /** Commit time of each of the last {@code count} firings minus its due date, in ms. */
  private static List<Long> lateness(final JdbcClient jdbc, final int count) {
    return new ArrayList<>(
        jdbc.sql(
                "SELECT (extract(epoch FROM created_at) * 1000)::bigint"
                    + " - (payload::jsonb ->> 'dueDate')::bigint FROM engine.record"
                    + " WHERE value_type = 'TIMER' AND intent = 'TRIGGERED'"
                    + " ORDER BY position DESC LIMIT ?")
            .param(count)
            .query(Long.class)
            .list());
  }

  private static String percentiles(final List<Long> values) {
    values.sort(null);
    return values.get(values.size() / 2)
        + " / "
        + values.get((int) (values.size() * 0.99))
        + " / "
        + values.get(values.size() - 1);
  }

  private static void row(final String measure, final String format, final Object value) {
    System.out.printf("| %-42s | %20s |%n", measure, String.format(format, value));
  }
}
