package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The search and read endpoints over the engine's tables: filters, sorting, paging. */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class RestSearchTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;
  private String id;
  private String type;

  @BeforeEach
  void deploy() {
    http = Http.of(engine);
    id = "p" + UUID.randomUUID().toString().replace("-", "");
    type = "search-" + id;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType(type).zeebeJobRetries("1"))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
  }

  private long start(final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private JsonNode search(final String path, final Object request) {
    final Http.Answer answer = http.post(path, request);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static List<String> keys(final JsonNode result, final String field) {
    final List<String> keys = new ArrayList<>();
    result.get("items").forEach(item -> keys.add(item.get(field).asText()));
    return keys;
  }

  @Test
  void processInstancesAreFilteredSortedAndPagedWithCursors() {
    final List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(Long.toString(start(Map.of())));
    }
    client.newCancelInstanceCommand(Long.parseLong(started.get(0))).send().join();
    final Map<String, Object> query =
        Map.of(
            "filter",
            Map.of("processDefinitionId", id),
            "sort",
            List.of(Map.of("field", "processInstanceKey", "order", "DESC")),
            "page",
            Map.of("limit", 2));

    final JsonNode first = search("/v2/process-instances/search", query);
    final JsonNode second =
        search(
            "/v2/process-instances/search",
            Map.of(
                "filter",
                Map.of("processDefinitionId", id),
                "sort",
                List.of(Map.of("field", "processInstanceKey", "order", "DESC")),
                "page",
                Map.of("limit", 2, "after", first.get("page").get("endCursor").asText())));
    final JsonNode active =
        search(
            "/v2/process-instances/search",
            Map.of("filter", Map.of("processDefinitionId", id, "state", Map.of("$eq", "ACTIVE"))));

    assertThat(first.get("page").get("totalItems").asLong()).isEqualTo(3);
    assertThat(keys(first, "processInstanceKey")).containsExactly(started.get(2), started.get(1));
    assertThat(keys(second, "processInstanceKey")).containsExactly(started.get(0));
    assertThat(second.get("items").get(0).get("state").asText()).isEqualTo("TERMINATED");
    assertThat(second.get("items").get(0).get("endDate").asText()).isNotBlank();
    assertThat(keys(active, "processInstanceKey"))
        .containsExactlyInAnyOrder(started.get(1), started.get(2));
    assertThat(active.get("items").get(0).get("processDefinitionVersion").asInt()).isEqualTo(1);
  }

  @Test
  void processInstancesAreFoundByTheirVariablesAndNoneByTagsFlowdeskDoesNotKeep() {
    start(Map.of("ticket", "INC-1"));
    final long wanted = start(Map.of("ticket", "INC-2", "impact", 3));

    final List<ProcessInstance> byVariables =
        client
            .newProcessInstanceSearchRequest()
            // As in Camunda, a value is compared as JSON text: a string goes in quotes.
            .filter(
                f ->
                    f.processDefinitionId(id).variables(Map.of("ticket", "\"INC-2\"", "impact", 3)))
            .send()
            .join()
            .items();
    final List<ProcessInstance> byTag =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(id).tags("vip"))
            .send()
            .join()
            .items();

    assertThat(byVariables)
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(wanted);
    assertThat(byTag).isEmpty();
  }

  @Test
  void processInstancesAreFoundByAnElementTheyAreAt() {
    final long waiting = start(Map.of());
    final long done = start(Map.of());
    final ActivatedJob job = activate();
    final long other = job.getProcessInstanceKey() == waiting ? done : waiting;
    client.newCompleteCommand(job.getKey()).send().join();

    final List<ProcessInstance> atTask =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(id).elementId("task"))
            .send()
            .join()
            .items();
    final List<ProcessInstance> atNoSuchElement =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(id).elementId("elsewhere"))
            .send()
            .join()
            .items();

    assertThat(atTask).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(other);
    assertThat(atNoSuchElement).isEmpty();
  }

  @Test
  void processInstanceIsReadByKeyWithItsIncidentFlag() {
    final long instance = start(Map.of());
    final ActivatedJob job = activate();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("down").send().join();
    records.awaitIncidents(instance);

    final Http.Answer found = http.get("/v2/process-instances/" + instance);
    final Http.Answer missing = http.get("/v2/process-instances/" + (instance + 999_999));

    assertThat(found.json().get("processDefinitionId").asText()).isEqualTo(id);
    assertThat(found.json().get("hasIncident").asBoolean()).isTrue();
    assertThat(found.json().get("tenantId").asText()).isEqualTo("<default>");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void elementInstancesOfAWaitingInstanceAreListed() {
    final long instance = start(Map.of());

    final JsonNode result =
        search(
            "/v2/element-instances/search",
            Map.of(
                "filter",
                Map.of("processInstanceKey", Long.toString(instance)),
                "sort",
                List.of(Map.of("field", "elementInstanceKey"))));

    // The start event has completed: ended element instances of a named instance are listed too.
    assertThat(keys(result, "elementId")).hasSize(3).startsWith(id).endsWith("task");
    assertThat(keys(result, "state")).containsExactly("ACTIVE", "COMPLETED", "ACTIVE");
    final JsonNode task = result.get("items").get(2);
    assertThat(task.get("type").asText()).isEqualTo("SERVICE_TASK");
    assertThat(task.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(task.get("startDate").asText()).isNotBlank();
    assertThat(task.get("processDefinitionId").asText()).isEqualTo(id);
  }

  @Test
  void incidentsAreSearchedReadByKeyAndResolvedOverRest() {
    final long instance = start(Map.of());
    final ActivatedJob job = activate();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("printer on fire").send().join();
    records.awaitIncidents(instance);

    final JsonNode open =
        search(
            "/v2/incidents/search",
            Map.of("filter", Map.of("processInstanceKey", Long.toString(instance))));
    final JsonNode incident = open.get("items").get(0);
    final String incidentKey = incident.get("incidentKey").asText();
    final Http.Answer byKey = http.get("/v2/incidents/" + incidentKey);
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    final Http.Answer resolution = http.post("/v2/incidents/" + incidentKey + "/resolution", "");
    final JsonNode resolved =
        search(
            "/v2/incidents/search",
            Map.of("filter", Map.of("incidentKey", incidentKey, "state", "RESOLVED")));

    assertThat(open.get("page").get("totalItems").asInt()).isEqualTo(1);
    assertThat(incident.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(incident.get("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.get("errorMessage").asText()).isEqualTo("printer on fire");
    assertThat(incident.get("jobKey").asText()).isEqualTo(Long.toString(job.getKey()));
    assertThat(byKey.json().get("elementId").asText()).isEqualTo("task");
    assertThat(resolution.status()).isEqualTo(204);
    assertThat(keys(resolved, "incidentKey")).containsExactly(incidentKey);
  }

  @Test
  void variablesAreFoundByNamePatternAndLongValuesAreTruncatedUnlessAskedNotTo() {
    final String big = "x".repeat(9_000);
    final long instance = start(Map.of("bigText", big, "bigger", 1, "small", true));
    final Map<String, Object> query =
        Map.of(
            "filter",
            Map.of("processInstanceKey", Long.toString(instance), "name", Map.of("$like", "big*")),
            "sort",
            List.of(Map.of("field", "name")));

    final JsonNode preview = search("/v2/variables/search", query);
    final JsonNode full = search("/v2/variables/search?truncateValues=false", query);

    assertThat(keys(preview, "name")).containsExactly("bigText", "bigger");
    assertThat(preview.get("items").get(0).get("isTruncated").asBoolean()).isTrue();
    assertThat(preview.get("items").get(0).get("value").asText()).hasSizeLessThan(9_000);
    assertThat(preview.get("items").get(1).get("value").asText()).isEqualTo("1");
    assertThat(full.get("items").get(0).get("value").asText()).isEqualTo("\"" + big + "\"");
    assertThat(full.get("items").get(0).get("isTruncated").asBoolean()).isFalse();
  }

  @Test
  void jobsAreSearchedByTypeAndState() {
    final long first = start(Map.of());
    final long second = start(Map.of());
    final ActivatedJob job = activate();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("nope").send().join();

    final JsonNode failed =
        search("/v2/jobs/search", Map.of("filter", Map.of("type", type, "state", "FAILED")));
    final JsonNode all =
        search(
            "/v2/jobs/search",
            Map.of(
                "filter",
                Map.of("type", type, "processInstanceKey", Map.of("$in", List.of(first, second)))));

    assertThat(keys(failed, "jobKey")).containsExactly(Long.toString(job.getKey()));
    assertThat(failed.get("items").get(0).get("errorMessage").asText()).isEqualTo("nope");
    assertThat(failed.get("items").get(0).get("retries").asInt()).isZero();
    assertThat(all.get("page").get("totalItems").asInt()).isEqualTo(2);
  }

  @Test
  void filtersOnPropertiesASearchDoesNotKnowAreRefusedByName() {
    final Http.Answer answer =
        http.post("/v2/process-instances/search", Map.of("filter", Map.of("colour", "blue")));
    final Http.Answer operator =
        http.post(
            "/v2/jobs/search", Map.of("filter", Map.of("retries", Map.of("$between", List.of()))));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("'colour'", "processDefinitionId");
    assertThat(operator.status()).isEqualTo(400);
    assertThat(operator.json().get("detail").asText()).contains("'$between'");
  }

  private ActivatedJob activate() {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(5))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
