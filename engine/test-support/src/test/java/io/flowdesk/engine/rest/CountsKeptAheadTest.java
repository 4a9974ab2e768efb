package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
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
 * The counts the state layer keeps ahead (migration 19) as {@code /v2} answers them: a definition's
 * element statistics without a filter, and process instance search totals by definition, state and
 * incident. Each is compared with known instance runs and with the same question answered the slow
 * way (a filter the counts do not answer makes the engine read the record log or count the
 * instances), after runs that complete, cancel, raise and resolve incidents, migrate, and after
 * history cleanup removed ended instances. Instances are run through this class's protocol (REST;
 * {@link CountsKeptAheadGrpcTest} gRPC); the answers are read over REST.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class CountsKeptAheadTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;

  @BeforeEach
  void http() {
    http = Http.of(engine);
  }

  private static String newId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  private static BpmnModelInstance oneTask(final String id, final String task) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("start")
        .serviceTask(task, t -> t.zeebeJobType("work-" + id))
        .endEvent("end")
        .done();
  }

  private long deploy(final BpmnModelInstance model, final String id) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private long start(final long definitionKey) {
    return client
        .newCreateInstanceCommand()
        .processDefinitionKey(definitionKey)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private ActivatedJob jobOf(final String id, final long instance) {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("work-" + id)
            .maxJobsToActivate(50)
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

  private void complete(final String id, final long instance) {
    client.newCompleteCommand(jobOf(id, instance).getKey()).send().join();
    records.awaitCompleted(instance);
  }

  private long failWithIncident(final String id, final long instance) {
    final ActivatedJob job = jobOf(id, instance);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("down").send().join();
    records.awaitIncidents(instance);
    return job.getKey();
  }

  /** elementId -> [active, canceled, incidents, completed], counted ahead. */
  private Map<String, List<Long>> statistics(final long definitionKey) {
    return counts(http.post(statisticsPath(definitionKey), "{}"));
  }

  /** The same, read from the record log: a filter selecting all instances of the definition. */
  private Map<String, List<Long>> statisticsFromRecordLog(final long definitionKey) {
    return counts(
        http.post(
            statisticsPath(definitionKey),
            Map.of("filter", Map.of("processDefinitionKey", Long.toString(definitionKey)))));
  }

  private static String statisticsPath(final long definitionKey) {
    return "/v2/process-definitions/" + definitionKey + "/statistics/element-instances";
  }

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

  /** The search answer's page for {@code filter}. */
  private JsonNode page(final Map<String, Object> filter) {
    final Http.Answer answer =
        http.post(
            "/v2/process-instances/search", Map.of("filter", filter, "page", Map.of("limit", 1)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("page");
  }

  /** The total counted ahead, checked against the instances counted one by one. */
  private long total(final Map<String, Object> filter) {
    final JsonNode answered = page(filter);
    final Map<String, Object> counted = new LinkedHashMap<>(filter);
    counted.put("processInstanceKey", Map.of("$exists", true));
    assertThat(answered.get("totalItems").asLong())
        .as("%s counted ahead and counted", filter)
        .isEqualTo(page(counted).get("totalItems").asLong());
    assertThat(answered.get("hasMoreTotalItems").asBoolean()).isFalse();
    return answered.get("totalItems").asLong();
  }

  /** [active, completed, terminated, active with incident, active without] of a definition. */
  private List<Long> totals(final long definitionKey) {
    final String key = Long.toString(definitionKey);
    return List.of(
        total(Map.of("processDefinitionKey", key, "state", "ACTIVE")),
        total(Map.of("processDefinitionKey", key, "state", Map.of("$eq", "COMPLETED"))),
        total(Map.of("processDefinitionKey", key, "state", "TERMINATED")),
        total(Map.of("processDefinitionKey", key, "state", "ACTIVE", "hasIncident", true)),
        total(Map.of("processDefinitionKey", key, "state", "ACTIVE", "hasIncident", false)));
  }

  @Test
  void knownRunsAreCountedAsTheRecordLogAndTheInstancesSay() {
    final String id = newId();
    final long definition = deploy(oneTask(id, "work"), id);
    final long completed = start(definition);
    final long canceled = start(definition);
    final long failed = start(definition);
    start(definition);
    final long repaired = start(definition);
    complete(id, completed);
    client.newCancelInstanceCommand(canceled).send().join();
    failWithIncident(id, failed);
    final long repairedJob = failWithIncident(id, repaired);

    assertThat(statistics(definition))
        .containsExactly(
            Map.entry("end", List.of(0L, 0L, 0L, 1L)),
            Map.entry("start", List.of(0L, 0L, 0L, 5L)),
            Map.entry("work", List.of(1L, 1L, 2L, 1L)))
        .isEqualTo(statisticsFromRecordLog(definition));
    assertThat(totals(definition)).containsExactly(3L, 1L, 1L, 2L, 1L);
    assertThat(total(Map.of("processDefinitionId", id))).isEqualTo(5);
    assertThat(total(Map.of("processDefinitionId", id, "hasIncident", true))).isEqualTo(2);

    client.newUpdateRetriesCommand(repairedJob).retries(1).send().join();
    client.newResolveIncidentCommand(records.incidents(repaired).get(0).key()).send().join();
    complete(id, repaired);

    assertThat(statistics(definition))
        .containsExactly(
            Map.entry("end", List.of(0L, 0L, 0L, 2L)),
            Map.entry("start", List.of(0L, 0L, 0L, 5L)),
            Map.entry("work", List.of(1L, 1L, 1L, 2L)))
        .isEqualTo(statisticsFromRecordLog(definition));
    assertThat(totals(definition)).containsExactly(2L, 2L, 1L, 1L, 1L);

    // The engine folds changes on its scan tick too; folded or not, the answers stay the same.
    engine.compactCounts();
    assertThat(statistics(definition)).isEqualTo(statisticsFromRecordLog(definition));
    assertThat(totals(definition)).containsExactly(2L, 2L, 1L, 1L, 1L);
  }

  @Test
  void historyCleanupTakesWhatItRemovesOffTheCounts() {
    final String id = newId();
    final long definition = deploy(oneTask(id, "work"), id);
    final long completed = start(definition);
    final long canceled = start(definition);
    start(definition);
    complete(id, completed);
    client.newCancelInstanceCommand(canceled).send().join();
    engine.compactCounts();

    engine.clock().advance(Duration.ofDays(31));
    engine.cleanUpHistory();

    // The live instance's start event is all that is left of the record log.
    assertThat(statistics(definition))
        .containsExactly(
            Map.entry("start", List.of(0L, 0L, 0L, 1L)), Map.entry("work", List.of(1L, 0L, 0L, 0L)))
        .isEqualTo(statisticsFromRecordLog(definition));
    assertThat(totals(definition)).containsExactly(1L, 0L, 0L, 0L, 1L);
    engine.compactCounts();
    assertThat(statistics(definition)).isEqualTo(statisticsFromRecordLog(definition));
  }

  @Test
  void aMigratedInstanceCountsForItsNewDefinition() {
    final String id = newId();
    final long v1 = deploy(oneTask(id, "work"), id);
    final long instance = start(v1);
    failWithIncident(id, instance);
    final long v2 = deploy(oneTask(id, "labour"), id);

    client
        .newMigrateProcessInstanceCommand(instance)
        .migrationPlan(v2)
        .addMappingInstruction("work", "labour")
        .send()
        .join();

    assertThat(statistics(v1)).isEmpty();
    assertThat(statisticsFromRecordLog(v1)).isEmpty();
    assertThat(statistics(v2))
        .containsExactly(
            Map.entry("labour", List.of(0L, 0L, 1L, 0L)),
            Map.entry("start", List.of(0L, 0L, 0L, 1L)))
        .isEqualTo(statisticsFromRecordLog(v2));
    assertThat(totals(v1)).containsExactly(0L, 0L, 0L, 0L, 0L);
    assertThat(totals(v2)).containsExactly(1L, 0L, 0L, 1L, 0L);
  }
}
