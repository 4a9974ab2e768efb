package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camunda 8.8's batch operations over plain HTTP: a process instance filter selects the instances
 * when the batch is created, the items are worked off in the background each on its own, and the
 * batch's progress and every item's outcome can be read (with the reason of an item that failed
 * while the others completed).
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class BatchOperationTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;
  private String id;

  @BeforeEach
  void setUp() {
    http = Http.of(engine);
    id = "p" + UUID.randomUUID().toString().replace("-", "");
  }

  /** start → service task "a" → service task "b" → end; job types carry {@code typeSuffix}. */
  private BpmnModelInstance twoTasks(final String a, final String b, final String typeSuffix) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("start")
        .serviceTask(a, t -> t.zeebeJobType(a + typeSuffix + id))
        .serviceTask(b, t -> t.zeebeJobType(b + typeSuffix + id))
        .endEvent("end")
        .done();
  }

  private long deploy(final BpmnModelInstance model) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private List<Long> start(final long definitionKey, final int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                client
                    .newCreateInstanceCommand()
                    .processDefinitionKey(definitionKey)
                    .send()
                    .join()
                    .getProcessInstanceKey())
        .toList();
  }

  private List<ActivatedJob> jobs(final String type, final int count) {
    final List<ActivatedJob> jobs = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              jobs.addAll(
                  client
                      .newActivateJobsCommand()
                      .jobType(type)
                      .maxJobsToActivate(count - jobs.size())
                      .timeout(Duration.ofMinutes(5))
                      .requestTimeout(Duration.ofMillis(200))
                      .send()
                      .join()
                      .getJobs());
              return jobs.size() >= count;
            });
    return jobs;
  }

  private String create(final String path, final Object body) {
    final Http.Answer answer = http.post("/v2/process-instances/" + path, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("batchOperationType").asText()).isNotBlank();
    return answer.json().get("batchOperationKey").asText();
  }

  /** The batch once it ended. */
  private JsonNode ended(final String batchKey) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !http.get("/v2/batch-operations/" + batchKey).json().get("endDate").isNull());
    final Http.Answer answer = http.get("/v2/batch-operations/" + batchKey);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  private JsonNode items(final String batchKey, final Map<String, Object> filter) {
    final Map<String, Object> all = new java.util.LinkedHashMap<>(filter);
    all.put("batchOperationKey", batchKey);
    final Http.Answer answer =
        http.post(
            "/v2/batch-operation-items/search",
            Map.of("filter", all, "page", Map.of("limit", 100)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("items");
  }

  private static List<Long> keys(final JsonNode items, final String field) {
    final List<Long> keys = new ArrayList<>();
    items.forEach(item -> keys.add(Long.parseLong(item.get(field).asText())));
    return keys;
  }

  @Test
  void cancelsTheTwentyRunningInstancesAFilterSelects() {
    final long definition = deploy(twoTasks("a", "b", "-"));
    final List<Long> selected = start(definition, 20);
    final long other =
        start(
                deploy(
                    Bpmn.createExecutableProcess(id + "x")
                        .startEvent()
                        .serviceTask("t", t -> t.zeebeJobType("other-" + id))
                        .done()),
                1)
            .get(0);

    final String batch =
        create("cancellation", Map.of("filter", Map.of("processDefinitionId", id)));

    final JsonNode ended = ended(batch);
    assertThat(ended.get("batchOperationType").asText()).isEqualTo("CANCEL_PROCESS_INSTANCE");
    assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("operationsTotalCount").asInt()).isEqualTo(20);
    assertThat(ended.get("operationsCompletedCount").asInt()).isEqualTo(20);
    assertThat(ended.get("operationsFailedCount").asInt()).isZero();
    assertThat(ended.get("startDate").isNull()).isFalse();
    selected.forEach(instance -> assertThat(records.stateOf(instance)).isEqualTo("TERMINATED"));
    assertThat(records.stateOf(other)).isEqualTo("ACTIVE");

    final JsonNode items = items(batch, Map.of());
    assertThat(keys(items, "processInstanceKey")).containsExactlyInAnyOrderElementsOf(selected);
    items.forEach(
        item -> {
          assertThat(item.get("state").asText()).isEqualTo("COMPLETED");
          assertThat(item.get("processedDate").isNull()).isFalse();
          assertThat(item.get("operationType").asText()).isEqualTo("CANCEL_PROCESS_INSTANCE");
        });
    final Http.Answer searched =
        http.post(
            "/v2/batch-operations/search", Map.of("filter", Map.of("batchOperationKey", batch)));
    assertThat(searched.json().get("items")).hasSize(1);
    assertThat(searched.json().at("/items/0/operationsCompletedCount").asInt()).isEqualTo(20);
  }

  @Test
  void resolvesTheIncidentsOfTheSelectedInstances() {
    final long definition = deploy(twoTasks("a", "b", "-"));
    final List<Long> instances = start(definition, 3);
    for (final ActivatedJob job : jobs("a-" + id, 3)) {
      client.newFailCommand(job.getKey()).retries(0).errorMessage("down").send().join();
    }
    instances.forEach(records::awaitIncidents);
    final long withoutRetries = instances.get(2);
    final long firstIncident = records.incidents(withoutRetries).get(0).key();
    for (final long instance : instances.subList(0, 2)) {
      client
          .newUpdateRetriesCommand(records.incidents(instance).get(0).jobKey())
          .retries(1)
          .send()
          .join();
    }

    final String batch =
        create(
            "incident-resolution",
            Map.of("filter", Map.of("processDefinitionId", id, "hasIncident", true)));

    final JsonNode ended = ended(batch);
    assertThat(ended.get("batchOperationType").asText()).isEqualTo("RESOLVE_INCIDENT");
    assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("operationsTotalCount").asInt()).isEqualTo(3);
    assertThat(ended.get("operationsCompletedCount").asInt()).isEqualTo(3);
    assertThat(records.incidents(instances.get(0))).isEmpty();
    assertThat(records.incidents(instances.get(1))).isEmpty();
    // Resolved without retries, the job raises a new incident, as in Zeebe.
    assertThat(records.awaitIncidents(withoutRetries).get(0).key()).isNotEqualTo(firstIncident);
    final JsonNode items = items(batch, Map.of("state", "COMPLETED"));
    assertThat(keys(items, "processInstanceKey")).containsExactlyInAnyOrderElementsOf(instances);
    assertThat(keys(items, "itemKey")).contains(firstIncident);
  }

  @Test
  void migratesTwentyInstancesToTheNextVersionWhereTheyGoOn() {
    final long v1 = deploy(twoTasks("a", "b", "-v1-"));
    final List<Long> instances = start(v1, 20);
    final long v2 = deploy(twoTasks("a2", "b", "-v2-"));

    final String batch =
        create(
            "migration",
            Map.of(
                "filter",
                Map.of("processDefinitionKey", String.valueOf(v1)),
                "migrationPlan",
                Map.of(
                    "targetProcessDefinitionKey",
                    String.valueOf(v2),
                    "mappingInstructions",
                    List.of(Map.of("sourceElementId", "a", "targetElementId", "a2")))));

    final JsonNode ended = ended(batch);
    assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("operationsCompletedCount").asInt()).isEqualTo(20);
    // They go on in version 2: its task's job type, then its next task, then the end.
    for (final ActivatedJob job : jobs("a2-v2-" + id, 20)) {
      assertThat(job.getProcessDefinitionKey()).isEqualTo(v2);
      client.newCompleteCommand(job.getKey()).send().join();
    }
    for (final ActivatedJob job : jobs("b-v2-" + id, 20)) {
      client.newCompleteCommand(job.getKey()).send().join();
    }
    instances.forEach(records::awaitCompleted);
  }

  @Test
  void anInstanceThePlanDoesNotFitFailsWithItsReasonAndTheOthersMigrate() {
    final long v1 = deploy(twoTasks("a", "b", "-v1-"));
    final List<Long> instances = start(v1, 4);
    final ActivatedJob moved = jobs("a-v1-" + id, 1).get(0);
    client.newCompleteCommand(moved.getKey()).send().join();
    final long atB = moved.getProcessInstanceKey();
    final long v2 = deploy(twoTasks("a2", "b2", "-v2-"));

    final String batch =
        create(
            "migration",
            Map.of(
                "filter",
                Map.of("processDefinitionId", id, "processDefinitionVersion", 1),
                "migrationPlan",
                Map.of(
                    "targetProcessDefinitionKey",
                    String.valueOf(v2),
                    "mappingInstructions",
                    List.of(Map.of("sourceElementId", "a", "targetElementId", "a2")))));

    final JsonNode ended = ended(batch);
    assertThat(ended.get("state").asText()).isEqualTo("PARTIALLY_COMPLETED");
    assertThat(ended.get("operationsTotalCount").asInt()).isEqualTo(4);
    assertThat(ended.get("operationsFailedCount").asInt()).isEqualTo(1);
    assertThat(ended.get("operationsCompletedCount").asInt()).isEqualTo(3);
    final JsonNode failed = items(batch, Map.of("state", "FAILED"));
    assertThat(keys(failed, "itemKey")).containsExactly(atB);
    assertThat(failed.get(0).get("errorMessage").asText()).contains("'b'");
    assertThat(http.get("/v2/process-instances/" + atB).json().get("processDefinitionKey").asText())
        .isEqualTo(String.valueOf(v1));
    instances.stream()
        .filter(instance -> instance != atB)
        .forEach(
            instance ->
                assertThat(
                        http.get("/v2/process-instances/" + instance)
                            .json()
                            .get("processDefinitionKey")
                            .asText())
                    .isEqualTo(String.valueOf(v2)));
  }

  @Test
  void movesTheSelectedInstancesFromOneElementToAnother() {
    final long definition = deploy(twoTasks("a", "b", "-"));
    final List<Long> instances = start(definition, 5);

    final String batch =
        create(
            "modification",
            Map.of(
                "filter",
                Map.of("processDefinitionKey", String.valueOf(definition)),
                "moveInstructions",
                List.of(Map.of("sourceElementId", "a", "targetElementId", "b"))));

    assertThat(ended(batch).get("operationsCompletedCount").asInt()).isEqualTo(5);
    for (final ActivatedJob job : jobs("b-" + id, 5)) {
      client.newCompleteCommand(job.getKey()).send().join();
    }
    instances.forEach(records::awaitCompleted);
    instances.forEach(
        instance ->
            assertThat(records.elements(instance, "ELEMENT_COMPLETED")).doesNotContain("a"));
  }

  @Test
  void badRequestsAreRefusedNamingTheProblem() {
    final Http.Answer noFilter = http.post("/v2/process-instances/cancellation", "{}");
    assertThat(noFilter.status()).isEqualTo(400);
    assertThat(noFilter.json().get("detail").asText()).contains("'filter'");

    final Http.Answer noTarget =
        http.post(
            "/v2/process-instances/migration",
            Map.of("filter", Map.of(), "migrationPlan", Map.of("mappingInstructions", List.of())));
    assertThat(noTarget.status()).isEqualTo(400);
    assertThat(noTarget.json().get("detail").asText())
        .contains("'migrationPlan.targetProcessDefinitionKey'");

    final Http.Answer noMoves =
        http.post("/v2/process-instances/modification", Map.of("filter", Map.of()));
    assertThat(noMoves.status()).isEqualTo(400);
    assertThat(noMoves.json().get("detail").asText()).contains("'moveInstructions'");

    final Http.Answer unknownFilter =
        http.post("/v2/process-instances/cancellation", Map.of("filter", Map.of("colour", "blue")));
    assertThat(unknownFilter.status()).isEqualTo(400);
    assertThat(unknownFilter.json().get("detail").asText()).contains("'colour'");

    assertThat(http.get("/v2/batch-operations/2251799999999999").status()).isEqualTo(404);
    assertThat(
            http.post(
                    "/v2/batch-operations/search",
                    Map.of("filter", Map.of("batchOperationKey", "2251799999999999")))
                .json()
                .get("items"))
        .isEmpty();
  }

  @Test
  void anEndedBatchCannotBeSuspendedResumedOrCanceled() {
    final String batch =
        create("cancellation", Map.of("filter", Map.of("processDefinitionId", id)));
    assertThat(ended(batch).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(ended(batch).get("operationsTotalCount").asInt()).isZero();

    for (final String action : List.of("suspension", "resumption", "cancellation")) {
      final Http.Answer answer = http.post("/v2/batch-operations/" + batch + "/" + action, "{}");
      assertThat(answer.status()).as(action).isEqualTo(409);
      assertThat(answer.json().get("detail").asText()).contains("it is COMPLETED");
    }
    assertThat(http.post("/v2/batch-operations/2251799999999999/cancellation", "{}").status())
        .isEqualTo(404);
  }
}
