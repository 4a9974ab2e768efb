package io.flowdesk.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.function.Consumer;

/** The job worker every benchmark uses: completes "bench-work" jobs as fast as they come. */
final class Workers {

  /** How jobs reach the worker: the client's default long polling, or a job stream. */
  enum Delivery {
    POLLING,
    STREAMING
  }

  private Workers() {}

  static JobWorker completing(final CamundaClient client) {
    return completing(client, Delivery.POLLING, job -> {});
  }

  static JobWorker completing(
      final CamundaClient client, final Delivery delivery, final Consumer<ActivatedJob> onEntry) {
    return client
        .newWorker()
        .jobType("bench-work")
        .handler(
            (jobClient, job) -> {
              onEntry.accept(job);
              jobClient.newCompleteCommand(job.getKey()).send().join();
            })
        .maxJobsActive(256)
        .pollInterval(Duration.ofMillis(10))
        .streamEnabled(delivery == Delivery.STREAMING)
        .open();
  }
}
