package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Job streaming (StreamActivatedJobs) and history retention. */
@FlowdeskEngineTest
class HistoryAndStreamingConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  private String deployOneTask(final String type) {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType(type))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    return id;
  }

  @Test
  void streamingWorkerReceivesJobsPushedAsTheyAreCreated() {
    final String type = "stream-" + UUID.randomUUID();
    final String id = deployOneTask(type);
    try (JobWorker worker =
        client
            .newWorker()
            .jobType(type)
            .handler((jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).send().join())
            .streamEnabled(true)
            // A long poll interval: completions within it can only come through the stream.
            .pollInterval(Duration.ofMinutes(5))
            .open()) {
      final long first =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      records.awaitCompleted(first);
      final long second =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      records.awaitCompleted(second);
    }
  }

  @Test
  void historyOfEndedInstancesIsRemovedAfterTheRetentionAndLiveInstancesAreKept() {
    final String id = deployOneTask("history-" + UUID.randomUUID());
    final long ended =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    client.newCancelInstanceCommand(ended).send().join();
    final long live =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("x", 1))
            .send()
            .join()
            .getProcessInstanceKey();

    engine.clock().advance(Duration.ofDays(29));
    engine.cleanUpHistory();
    assertThat(records.of(ended)).isNotEmpty();

    engine.clock().advance(Duration.ofDays(2));
    engine.cleanUpHistory();
    assertThat(records.of(ended)).isEmpty();
    assertThat(records.stateOf(ended)).isEqualTo("NONE");
    assertThat(records.of(live)).isNotEmpty();
    assertThat(records.stateOf(live)).isEqualTo("ACTIVE");
  }
}
