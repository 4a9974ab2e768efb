package io.flowdesk.bench;

import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory over many completed one-task instances: heap after GC and RSS every tenth of the run, to
 * show whether anything grows per instance.
 *
 * <p>Run: {@code cd bench && java -Xmx512m -cp "$(cat target/classpath.txt):target/classes"
 * io.flowdesk.bench.EngineSoak 1000000}
 */
public final class EngineSoak {

  private EngineSoak() {}

  public static void main(final String[] args) throws Exception {
    final long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    try (BenchEngine bench = new BenchEngine()) {
      final String processId = bench.deploySequence(1);
      final AtomicLong completed = new AtomicLong();
      final Semaphore inFlight = new Semaphore(200);
      final long step = Math.max(1, total / 10);
      System.out.printf(
          "| %12s | %10s | %14s | %8s |%n", "completed", "seconds", "heap after GC MB", "RSS MB");
      final long begin = System.nanoTime();
      try (JobWorker worker = Workers.completing(bench.client)) {
        for (long i = 1; i <= total; i++) {
          inFlight.acquire();
          bench
              .client
              .newCreateInstanceCommand()
              .bpmnProcessId(processId)
              .latestVersion()
              .withResult()
              .requestTimeout(Duration.ofMinutes(1))
              .send()
              .whenComplete(
                  (result, error) -> {
                    completed.incrementAndGet();
                    inFlight.release();
                  });
          if (i % step == 0) {
            System.out.printf(
                "| %12d | %10.0f | %14.0f | %8.0f |%n",
                completed.get(),
                (System.nanoTime() - begin) / 1e9,
                BenchEngine.heapAfterGc() / 1e6,
                BenchEngine.rssBytes() / 1e6);
          }
        }
        inFlight.acquire(200);
      }
    }
  }
}
