package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Create-instance to worker-handler-entered latency at a fixed arrival rate. The send time rides in
 * a variable; client and worker share this JVM's clock.
 */
final class Latency {

  private Latency() {}

  /** Answers {p50, p99, max} in milliseconds. */
  static double[] measure(
      final CamundaClient client,
      final String processId,
      final int perSecond,
      final int seconds,
      final Workers.Delivery delivery) {
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    try (JobWorker worker =
        Workers.completing(
            client,
            delivery,
            job -> {
              // Jobs left over from an earlier phase carry no send time; they are only completed.
              if (job.getVariablesAsMap().get("sentAt") instanceof Number sentAt) {
                latencies.add(System.nanoTime() - sentAt.longValue());
              }
            })) {
      final long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
      final int total = perSecond * seconds;
      long next = System.nanoTime();
      for (int i = 0; i < total; i++) {
        next += interval;
        final long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("sentAt", System.nanoTime()))
            .send();
      }
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (latencies.size() < total && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }
    final long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new double[] {
      percentile(sorted, 0.50),
      percentile(sorted, 0.99),
      sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6
    };
  }

  private static double percentile(final long[] sorted, final double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  static String describe(final double[] values) {
    return Arrays.stream(values)
        .mapToObj(v -> String.format("%.1f", v))
        .reduce((a, b) -> a + " / " + b)
        .orElse("");
  }
}
