package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API as plain HTTP sees it: shapes of answers, RFC 9457 problems, and how bad requests
 * are refused.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class RestApiTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;

  @BeforeEach
  void http() {
    http = Http.of(engine);
  }

  private String deployOneTask() {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType("rest-" + id))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    return id;
  }

  @Test
  void topologyAnswersOneBrokerLeadingOneHealthyPartition() {
    final Http.Answer answer = http.get("/v2/topology");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    final JsonNode topology = answer.json();
    assertThat(topology.get("clusterSize").asInt()).isEqualTo(1);
    assertThat(topology.get("partitionsCount").asInt()).isEqualTo(1);
    assertThat(topology.get("gatewayVersion").asText()).isEqualTo("8.8.0");
    final JsonNode partition = topology.get("brokers").get(0).get("partitions").get(0);
    assertThat(partition.get("partitionId").asInt()).isEqualTo(1);
    assertThat(partition.get("role").asText()).isEqualTo("leader");
    assertThat(partition.get("health").asText()).isEqualTo("healthy");
    assertThat(topology.get("brokers").get(0).get("port").asInt()).isEqualTo(engine.gatewayPort());
  }

  @Test
  void refusalsAreProblemDocumentsNamingTheRequest() {
    final Http.Answer answer =
        http.post("/v2/process-instances", Map.of("processDefinitionId", "nowhere"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    final JsonNode problem = answer.json();
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("title").asText()).isEqualTo("NOT_FOUND");
    assertThat(problem.get("detail").asText()).contains("'nowhere'");
    assertThat(problem.get("instance").asText()).isEqualTo("/v2/process-instances");
  }

  @Test
  void variablesThatAreNotAJsonObjectAreRefusedAndNothingIsCreated() {
    final String id = deployOneTask();

    final Http.Answer answer =
        http.post(
            "/v2/process-instances",
            "{\"processDefinitionId\":\"" + id + "\",\"variables\":[1,2]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("title").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(answer.json().get("detail").asText()).contains("'variables'", "JSON object");
    assertThat(records.instancesOf(id)).isEmpty();
  }

  @Test
  void propertiesOfTheWrongTypeAreNamed() {
    final Http.Answer answer =
        http.post(
            "/v2/jobs/activation",
            "{\"type\":\"t\",\"timeout\":1000,\"maxJobsToActivate\":\"many\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText())
        .contains("'maxJobsToActivate'", "an integer", "\"many\"");
  }

  @Test
  void bodiesThatAreNotJsonAreRefused() {
    final Http.Answer answer = http.post("/v2/process-instances", "{not json");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("to be JSON", "Unexpected character");
  }

  @Test
  void activationWithANegativeRequestTimeoutAnswersAtOnceWhenThereAreNoJobs() {
    final long before = System.nanoTime();
    final Http.Answer answer =
        http.post(
            "/v2/jobs/activation",
            Map.of(
                "type",
                "none-" + UUID.randomUUID(),
                "timeout",
                1000,
                "maxJobsToActivate",
                1,
                "requestTimeout",
                -1));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("jobs")).isEmpty();
    assertThat(System.nanoTime() - before)
        .as("answered before the default long poll of 10 s")
        .isLessThan(java.time.Duration.ofSeconds(8).toNanos());
  }

  @Test
  void keysThatAreNotNumbersAreRefusedNamingThePathVariable() {
    final Http.Answer answer = http.post("/v2/jobs/abc/completion", "{}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("'jobKey'", "'abc'");
  }

  @Test
  void anAdHocActivationWithoutElementsOrWithABadKeyIsA400NamingTheProblem() {
    final Http.Answer noElements =
        http.post("/v2/element-instances/ad-hoc-activities/2251799813685249/activation", "{}");
    final Http.Answer badKey =
        http.post(
            "/v2/element-instances/ad-hoc-activities/abc/activation",
            "{\"elements\":[{\"elementId\":\"A\"}]}");
    final Http.Answer noElementId =
        http.post(
            "/v2/element-instances/ad-hoc-activities/2251799813685249/activation",
            "{\"elements\":[{\"variables\":{}}]}");

    assertThat(noElements.status()).isEqualTo(400);
    assertThat(noElements.contentType()).startsWith("application/problem+json");
    assertThat(noElements.json().get("detail").asText()).contains("'elements'");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().get("detail").asText()).contains("'adHocSubProcessInstanceKey'");
    assertThat(noElementId.status()).isEqualTo(400);
    assertThat(noElementId.json().get("detail").asText()).contains("elementId");
  }

  @Test
  void unknownPathsAreNotFoundAndWrongMethodsNameTheAllowedOnes() {
    final Http.Answer unknown = http.get("/v2/nothing-here");
    final Http.Answer wrongMethod = http.get("/v2/jobs/activation");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asText()).contains("/v2/nothing-here");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void aRefusedMigrationIsA409ProblemNamingEachElementAndAnAcceptedOneIs204() {
    final String id = deployOneTask();
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    final long target =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id)
                    .startEvent()
                    .userTask("task", t -> t.zeebeUserTask())
                    .serviceTask("task2", t -> t.zeebeJobType("rest2-" + id))
                    .endEvent()
                    .done(),
                id + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    final String path = "/v2/process-instances/" + instance + "/migration";

    final Http.Answer refused =
        http.post(
            path,
            Map.of(
                "targetProcessDefinitionKey",
                String.valueOf(target),
                "mappingInstructions",
                java.util.List.of(Map.of("sourceElementId", "task", "targetElementId", "task"))));
    final Http.Answer missingTarget =
        http.post(path, Map.of("mappingInstructions", java.util.List.of()));
    final Http.Answer accepted =
        http.post(
            path,
            Map.of(
                "targetProcessDefinitionKey",
                String.valueOf(target),
                "mappingInstructions",
                java.util.List.of(Map.of("sourceElementId", "task", "targetElementId", "task2"))));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("title").asText()).isEqualTo("INVALID_STATE");
    assertThat(refused.json().get("detail").asText())
        .contains("'task' of type SERVICE_TASK", "USER_TASK");
    assertThat(missingTarget.status()).isEqualTo(400);
    assertThat(missingTarget.json().get("detail").asText()).contains("targetProcessDefinitionKey");
    assertThat(accepted.status()).isEqualTo(204);
    assertThat(records.elements(instance, "ELEMENT_MIGRATED")).contains("task2");
  }

  @Test
  void bodiesOverTheMessageSizeLimitAre413() {
    final String huge =
        "{\"processDefinitionId\":\"x\",\"variables\":{\"blob\":\""
            + "x".repeat(5 * 1024 * 1024)
            + "\"}}";

    final Http.Answer answer = http.post("/v2/process-instances", huge);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("title").asText()).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void deploymentsNamingAnotherTenantAreRefused() {
    final Http.Answer answer =
        http.multipart(
            "/v2/deployments",
            "resources",
            Map.of(
                "a.bpmn",
                Bpmn.convertToString(Bpmn.createExecutableProcess("t1").startEvent().done())
                    .getBytes(StandardCharsets.UTF_8)),
            Map.of("tenantId", "acme"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("'acme'", "multi-tenancy");
  }

  @Test
  void aDeploymentWithoutResourcePartsIsRefused() {
    final Http.Answer answer =
        http.multipart("/v2/deployments", "files", Map.of(), Map.of("tenantId", "<default>"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("'resources'");
  }

  @Test
  void processDefinitionAndItsXmlAreReadByKey() {
    final String id = "p" + UUID.randomUUID().toString().replace("-", "");
    final String xml =
        Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    final long key =
        client
            .newDeployResourceCommand()
            .addResourceString(xml, StandardCharsets.UTF_8, "def.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    final Http.Answer definition = http.get("/v2/process-definitions/" + key);
    final Http.Answer resource = http.get("/v2/process-definitions/" + key + "/xml");
    final Http.Answer missing = http.get("/v2/process-definitions/" + (key + 1_000_000) + "/xml");

    assertThat(definition.json().get("processDefinitionId").asText()).isEqualTo(id);
    assertThat(definition.json().get("processDefinitionKey").asText()).isEqualTo(key + "");
    assertThat(definition.json().get("resourceName").asText()).isEqualTo("def.bpmn");
    assertThat(resource.status()).isEqualTo(200);
    assertThat(resource.contentType()).startsWith("text/xml");
    assertThat(resource.body()).isEqualTo(xml);
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void jobRetriesAndTimeoutChangeTogetherOrNotAtAll() {
    final String id = deployOneTask();
    client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    final String jobKey = activateOne("rest-" + id).get("jobKey").asText();

    final Http.Answer both =
        http.method(
            "PATCH", "/v2/jobs/" + jobKey, "{\"changeset\":{\"retries\":5,\"timeout\":600000}}");
    assertThat(both.status()).isEqualTo(204);
    assertThat(job(jobKey).get("retries").asInt()).isEqualTo(5);

    client.newFailCommand(Long.parseLong(jobKey)).retries(4).send().join();
    final Http.Answer refused =
        http.method(
            "PATCH", "/v2/jobs/" + jobKey, "{\"changeset\":{\"retries\":9,\"timeout\":1000}}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("title").asText()).isEqualTo("INVALID_STATE");
    assertThat(job(jobKey).get("retries").asInt()).as("retries unchanged").isEqualTo(4);

    final Http.Answer empty = http.method("PATCH", "/v2/jobs/" + jobKey, "{\"changeset\":{}}");
    assertThat(empty.status()).isEqualTo(400);
  }

  @Test
  void aUserTaskResultIsRefusedForAJobThatIsNoTaskListenersAndAdHocResultsAreRefused() {
    final String id = deployOneTask();
    client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    final String jobKey = activateOne("rest-" + id).get("jobKey").asText();

    final Http.Answer answer =
        http.post("/v2/jobs/" + jobKey + "/completion", "{\"result\":{\"denied\":true}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("not a task listener's job");
    final Http.Answer adHoc =
        http.post(
            "/v2/jobs/" + jobKey + "/completion", "{\"result\":{\"type\":\"adHocSubProcess\"}}");
    assertThat(adHoc.status()).isEqualTo(400);
    assertThat(adHoc.json().get("detail").asText()).contains("'adHocSubProcess'");
  }

  private JsonNode activateOne(final String type) {
    final JsonNode jobs =
        http.post(
                "/v2/jobs/activation",
                Map.of(
                    "type",
                    type,
                    "timeout",
                    60_000,
                    "maxJobsToActivate",
                    1,
                    "requestTimeout",
                    5_000))
            .json()
            .get("jobs");
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private JsonNode job(final String jobKey) {
    final JsonNode items =
        http.post("/v2/jobs/search", Map.of("filter", Map.of("jobKey", jobKey)))
            .json()
            .get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
