package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The job lifecycle as Zeebe documents it, through the real camunda client. */
@FlowdeskEngineTest
class JobConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  private String type;

  private long startWithOneTask(final int retries) {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    type = "job-" + id;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                    "task", t -> t.zeebeJobType(type).zeebeJobRetries(String.valueOf(retries)))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private List<ActivatedJob> activate(final int max, final Duration timeout) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .timeout(timeout)
        .requestTimeout(Duration.ofMillis(200))
        .send()
        .join()
        .getJobs();
  }

  @Test
  void jobWorkerCompletesJobsAsTheyAreCreated() {
    final long instance = startWithOneTask(3);
    try (JobWorker worker =
        client
            .newWorker()
            .jobType(type)
            .handler(
                (jobClient, job) ->
                    jobClient
                        .newCompleteCommand(job.getKey())
                        .variables(Map.of("by", "worker"))
                        .send()
                        .join())
            .open()) {
      records.awaitCompleted(instance);
    }
    assertThat(records.variable(instance, "by")).isEqualTo("\"worker\"");
  }

  @Test
  void longPollingAnswersWithAJobCreatedWhileWaiting() throws Exception {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    type = "late-" + id;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("t", t -> t.zeebeJobType(type))
                .endEvent()
                .done(),
            "late.bpmn")
        .send()
        .join();
    final CompletableFuture<List<ActivatedJob>> poll =
        CompletableFuture.supplyAsync(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(type)
                    .maxJobsToActivate(1)
                    .requestTimeout(Duration.ofSeconds(10))
                    .send()
                    .join()
                    .getJobs());
    Thread.sleep(300);
    client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    assertThat(poll.get()).hasSize(1);
  }

  @Test
  void activationHonoursMaxJobsAndFetchVariables() {
    startWithOneTask(3);
    final String first = type;
    final long second =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(first.substring(4))
            .latestVersion()
            .variables(Map.of("a", 1, "b", 2))
            .send()
            .join()
            .getProcessInstanceKey();
    assertThat(second).isPositive();
    final List<ActivatedJob> one =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .fetchVariables("a")
            .send()
            .join()
            .getJobs();
    assertThat(one).hasSize(1);
    final List<ActivatedJob> rest =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(5)
            .fetchVariables("a")
            .requestTimeout(Duration.ofMillis(100))
            .send()
            .join()
            .getJobs();
    assertThat(rest).hasSize(1);
    assertThat(one.get(0).getKey()).isNotEqualTo(rest.get(0).getKey());
    List.of(one.get(0), rest.get(0))
        .forEach(job -> assertThat(job.getVariablesAsMap().keySet()).isSubsetOf(Set.of("a")));
  }

  @Test
  void timedOutJobBecomesActivatableAgainWithoutLosingARetry() {
    startWithOneTask(3);
    final ActivatedJob first = activate(1, Duration.ofSeconds(30)).get(0);
    assertThat(activate(1, Duration.ofSeconds(30))).isEmpty();

    engine.clock().advance(Duration.ofSeconds(31));
    engine.runDueTimeouts();

    final ActivatedJob again = activate(1, Duration.ofSeconds(30)).get(0);
    assertThat(again.getKey()).isEqualTo(first.getKey());
    assertThat(again.getRetries()).isEqualTo(3);
  }

  @Test
  void failedJobWithRetriesIsActivatableAfterItsBackoff() {
    startWithOneTask(3);
    final ActivatedJob job = activate(1, Duration.ofMinutes(5)).get(0);
    client
        .newFailCommand(job.getKey())
        .retries(2)
        .retryBackoff(Duration.ofMinutes(1))
        .errorMessage("busy")
        .send()
        .join();
    assertThat(activate(1, Duration.ofMinutes(5))).isEmpty();

    engine.clock().advance(Duration.ofMinutes(2));
    final ActivatedJob retried = activate(1, Duration.ofMinutes(5)).get(0);
    assertThat(retried.getRetries()).isEqualTo(2);
  }

  @Test
  void failingWithoutRetriesRaisesAnIncidentThatRetriesAndResolveContinue() {
    final long instance = startWithOneTask(1);
    final ActivatedJob job = activate(1, Duration.ofMinutes(5)).get(0);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("database down").send().join();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("database down");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertThat(activate(1, Duration.ofMinutes(5))).isEmpty();

    client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    final ActivatedJob again = activate(1, Duration.ofMinutes(5)).get(0);
    client.newCompleteCommand(again.getKey()).send().join();
    records.awaitCompleted(instance);
  }

  @Test
  void uncaughtThrownErrorBecomesAnIncident() {
    final long instance = startWithOneTask(3);
    final ActivatedJob job = activate(1, Duration.ofMinutes(5)).get(0);
    client
        .newThrowErrorCommand(job.getKey())
        .errorCode("NOT_AVAILABLE")
        .errorMessage("out of stock")
        .send()
        .join();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.errorMessage()).contains("'NOT_AVAILABLE'").contains("out of stock");
  }

  @Test
  void completingAJobTwiceAnswersNotFound() {
    startWithOneTask(3);
    final ActivatedJob job = activate(1, Duration.ofMinutes(5)).get(0);
    client.newCompleteCommand(job.getKey()).send().join();
    assertThatThrownBy(() -> client.newCompleteCommand(job.getKey()).send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND))
        .hasMessageContaining(String.valueOf(job.getKey()));
  }

  @Test
  void updateJobTimeoutMovesTheDeadline() {
    startWithOneTask(3);
    final ActivatedJob job = activate(1, Duration.ofSeconds(10)).get(0);
    client.newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(10)).send().join();
    engine.clock().advance(Duration.ofMinutes(1));
    engine.runDueTimeouts();
    assertThat(activate(1, Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void updateRetriesRefusesZero() {
    startWithOneTask(3);
    final ActivatedJob job = activate(1, Duration.ofMinutes(5)).get(0);
    assertThatThrownBy(() -> client.newUpdateRetriesCommand(job.getKey()).retries(0).send().join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void concurrentWorkersNeverReceiveTheSameJob() throws Exception {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    type = "many-" + id;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("t", t -> t.zeebeJobType(type))
                .endEvent()
                .done(),
            "many.bpmn")
        .send()
        .join();
    for (int i = 0; i < 60; i++) {
      client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    }
    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    final List<CompletableFuture<Integer>> workers =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(
                w ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          int duplicates = 0;
                          List<ActivatedJob> jobs;
                          do {
                            jobs =
                                client
                                    .newActivateJobsCommand()
                                    .jobType(type)
                                    .maxJobsToActivate(7)
                                    .requestTimeout(Duration.ofMillis(200))
                                    .send()
                                    .join()
                                    .getJobs();
                            for (final ActivatedJob job : jobs) {
                              if (!seen.add(job.getKey())) {
                                duplicates++;
                              }
                            }
                          } while (!jobs.isEmpty());
                          return duplicates;
                        }))
            .toList();
    int duplicates = 0;
    for (final CompletableFuture<Integer> worker : workers) {
      duplicates += worker.get();
    }
    assertThat(duplicates).isZero();
    assertThat(seen).hasSize(60);
  }
}
