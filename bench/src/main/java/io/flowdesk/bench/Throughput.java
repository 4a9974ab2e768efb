package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/** Completed instances per second with a fixed number of instances in flight. */
final class Throughput {

  private static final int IN_FLIGHT = 200;

  private Throughput() {}

  /** Warms the JIT for a third of the time (at least 10 s), then measures for {@code seconds}. */
  static double measure(
      final CamundaClient client,
      final String processId,
      final int seconds,
      final Workers.Delivery delivery)
      throws InterruptedException {
    run(client, processId, Math.max(10, seconds / 3), delivery);
    return run(client, processId, seconds, delivery);
  }

  /** One measured run without warm-up: completed instances per second. */
  static double run(
      final CamundaClient client,
      final String processId,
      final int seconds,
      final Workers.Delivery delivery)
      throws InterruptedException {
    final AtomicLong completed = new AtomicLong();
    final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    try (JobWorker worker = Workers.completing(client, delivery, job -> {})) {
      final long begin = System.nanoTime();
      final long end = begin + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        inFlight.acquire();
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofMinutes(1))
            .send()
            .whenComplete(
                (result, error) -> {
                  if (error == null) {
                    completed.incrementAndGet();
                  }
                  inFlight.release();
                });
      }
      inFlight.acquire(IN_FLIGHT);
      return completed.get() / ((System.nanoTime() - begin) / 1e9);
    }
  }
}
