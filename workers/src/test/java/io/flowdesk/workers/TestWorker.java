package io.flowdesk.workers;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One job worker per test class whose handler each test sets. Closing a worker while its long poll
 * is pending can lose a job to it until the job times out, so tests swap handlers instead of
 * opening and closing workers.
 */
public final class TestWorker implements AutoCloseable {

  private final AtomicReference<JobHandler> handler = new AtomicReference<>();
  private final JobWorker worker;

  public TestWorker(final CamundaClient client, final String jobType) {
    this.worker =
        client
            .newWorker()
            .jobType(jobType)
            .handler(
                (jobClient, job) -> {
                  final JobHandler current = handler.get();
                  if (current == null) {
                    throw new IllegalStateException("no handler for job " + job.getKey());
                  }
                  current.handle(jobClient, job);
                })
            .timeout(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .open();
  }

  public void use(final JobHandler current) {
    handler.set(current);
  }

  @Override
  public void close() {
    worker.close();
  }
}
