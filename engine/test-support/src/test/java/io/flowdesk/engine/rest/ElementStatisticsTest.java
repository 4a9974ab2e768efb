package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camunda 8.8's element instance statistics as plain HTTP sees them: per element of a definition
 * (over the instances a filter selects) or of one instance, how many instances are active, have an
 * incident, completed and were canceled.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class ElementStatisticsTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;
  private String id;
  private long definitionKey;
  private long activeInstance;

  @BeforeEach
  void fourInstancesInFourStates() {
    http = Http.of(engine);
    id = "p" + UUID.randomUUID().toString().replace("-", "");
    definitionKey =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id)
                    .startEvent("start")
                    .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                    .endEvent("end")
                    .done(),
                id + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    final long completed = start();
    final long canceled = start();
    final long failed = start();
    activeInstance = start();
    complete(completed);
    client.newCancelInstanceCommand(canceled).send().join();
    final ActivatedJob job = jobOf(failed);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("down").send().join();
    records.awaitIncidents(failed);
  }

  private long start() {
    return client
        .newCreateInstanceCommand()
        .processDefinitionKey(definitionKey)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private ActivatedJob jobOf(final long instance) {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("work-" + id)
            .maxJobsToActivate(10)
            .timeout(Duration.ofMinutes(5))
            .send()
            .join()
            .getJobs();
    for (final ActivatedJob job : jobs) {
      if (job.getProcessInstanceKey() != instance) {
        client.newFailCommand(job.getKey()).retries(1).send().join();
      }
    }
    return jobs.stream()
        .filter(j -> j.getProcessInstanceKey() == instance)
        .findFirst()
        .orElseThrow();
  }

  private void complete(final long instance) {
    client.newCompleteCommand(jobOf(instance).getKey()).send().join();
    records.awaitCompleted(instance);
  }

  /** elementId -> [active, canceled, incidents, completed]. */
  private static Map<String, List<Long>> counts(final Http.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    final Map<String, List<Long>> counts = new LinkedHashMap<>();
    for (final JsonNode item : answer.json().get("items")) {
      counts.put(
          item.get("elementId").asText(),
          List.of(
              item.get("active").asLong(),
              item.get("canceled").asLong(),
              item.get("incidents").asLong(),
              item.get("completed").asLong()));
    }
    return counts;
  }

  private String definitionPath() {
    return "/v2/process-definitions/" + definitionKey + "/statistics/element-instances";
  }

  @Test
  void aDefinitionCountsActiveIncidentCompletedAndCanceledElementInstances() {
    final Map<String, List<Long>> counts = counts(http.post(definitionPath(), "{}"));

    assertThat(counts)
        .containsExactly(
            Map.entry("end", List.of(0L, 0L, 0L, 1L)),
            Map.entry("start", List.of(0L, 0L, 0L, 4L)),
            Map.entry("work", List.of(1L, 1L, 1L, 1L)));
  }

  @Test
  void theFilterChoosesTheInstancesCounted() {
    final Map<String, List<Long>> counts =
        counts(http.post(definitionPath(), Map.of("filter", Map.of("state", "ACTIVE"))));

    assertThat(counts)
        .containsExactly(
            Map.entry("start", List.of(0L, 0L, 0L, 2L)),
            Map.entry("work", List.of(1L, 0L, 1L, 0L)));
  }

  @Test
  void anInstanceCountsItsOwnElements() {
    final Map<String, List<Long>> counts =
        counts(
            http.get("/v2/process-instances/" + activeInstance + "/statistics/element-instances"));

    assertThat(counts)
        .containsExactly(
            Map.entry("start", List.of(0L, 0L, 0L, 1L)),
            Map.entry("work", List.of(1L, 0L, 0L, 0L)));
  }

  @Test
  void unknownKeysAre404AndUnknownFiltersAreNamed() {
    final Http.Answer noDefinition =
        http.post("/v2/process-definitions/2251799813685249/statistics/element-instances", "{}");
    final Http.Answer noInstance =
        http.get("/v2/process-instances/2251799813685249/statistics/element-instances");
    final Http.Answer badFilter =
        http.post(definitionPath(), Map.of("filter", Map.of("color", "blue")));

    assertThat(noDefinition.status()).isEqualTo(404);
    assertThat(noDefinition.json().get("detail").asText()).contains("2251799813685249");
    assertThat(noInstance.status()).isEqualTo(404);
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().get("detail").asText()).contains("'color'");
  }
}
