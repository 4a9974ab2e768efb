package io.flowdesk.app.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.engine.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Deployments to the embedded engine in the admin audit trail, made as Camunda Modeler makes them
 * (gRPC with the camunda client, multipart {@code POST /v2/deployments}) by the engine user the
 * test context configures, and by the app's own client; read back as an admin reads the trail.
 */
class DeploymentAuditTest extends WebTestSupport {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired Engine engine;
  @Autowired CamundaClient ownClient;
  @Autowired ObjectMapper json;

  private CamundaClient modeler;
  private final String id = "audited" + UUID.randomUUID().toString().replace("-", "");

  @BeforeEach
  void modelerClient() {
    modeler =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
            .restAddress(URI.create("http://127.0.0.1:" + webPort()))
            .preferRestOverGrpc(false)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username(ENGINE_USER)
                    .password(ENGINE_PASSWORD)
                    .build())
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void closeClient() {
    modeler.close();
  }

  private static String bpmn(final String processId) {
    return Bpmn.convertToString(
        Bpmn.createExecutableProcess(processId).startEvent().endEvent().done());
  }

  /** A POST to the engine's /v2 as Modeler sends it, with Basic credentials. */
  private HttpResponse<String> modelerPost(
      final String path, final String contentType, final String body) throws Exception {
    final String credentials =
        Base64.getEncoder()
            .encodeToString((ENGINE_USER + ":" + ENGINE_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort() + "/v2" + path))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> deployOverRest(final String fileName, final String content)
      throws Exception {
    // One multipart part "resources" per file.
    return modelerPost(
        "/deployments",
        "multipart/form-data; boundary=modeler",
        "--modeler\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n--modeler--\r\n");
  }

  /** The trail's entries as an admin reads them, filtered by {@code name, value} pairs. */
  private JsonNode entries(final String... filters) throws Exception {
    final MockHttpServletRequestBuilder request =
        get("/api/admin/audit").param("size", "200").with(httpBasic("admin", DEMO_PASSWORD));
    for (int i = 0; i < filters.length; i += 2) {
      request.param(filters[i], filters[i + 1]);
    }
    return json.readTree(
            mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .get("entries");
  }

  @Test
  void aDeploymentOverGrpcIsRecordedWithTheEngineUserAndTheProcessVersion() throws Exception {
    final DeploymentEvent deployed =
        modeler
            .newDeployResourceCommand()
            .addResourceStringUtf8(bpmn(id), "order.bpmn")
            .send()
            .join();

    final JsonNode entries =
        entries("action", "deployment.created", "target", "process:" + id + " v1");
    assertThat(entries).hasSize(1);
    final JsonNode entry = entries.get(0);
    assertThat(entry.get("actor").asText()).isEqualTo(ENGINE_USER);
    assertThat(entry.at("/after/deploymentKey").asText())
        .isEqualTo(String.valueOf(deployed.getKey()));
    assertThat(entry.at("/after/unchanged").asBoolean()).isFalse();
    assertThat(entry.at("/after/client/authentication").asText()).isEqualTo("basic");
    final JsonNode resource = entry.at("/after/resources/0");
    assertThat(resource.get("kind").asText()).isEqualTo("process");
    assertThat(resource.get("id").asText()).isEqualTo(id);
    assertThat(resource.get("version").asInt()).isEqualTo(1);
    assertThat(resource.get("resourceName").asText()).isEqualTo("order.bpmn");
    assertThat(resource.get("duplicate").asBoolean()).isFalse();
    assertThat(entry.toString()).doesNotContain("startEvent", "definitions");
  }

  @Test
  void aModelerDeploymentOverRestAndItsUnchangedRedeployAreBothRecordedAsSuch() throws Exception {
    final String diagram = bpmn(id);
    final HttpResponse<String> first = deployOverRest("diagram_1.bpmn", diagram);
    final HttpResponse<String> again = deployOverRest("diagram_1.bpmn", diagram);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    final JsonNode entries = entries("target", "process:" + id + " v1");
    assertThat(entries).hasSize(2);
    final JsonNode redeploy = entries.get(0);
    final JsonNode original = entries.get(1);
    assertThat(original.get("actor").asText()).isEqualTo(ENGINE_USER);
    assertThat(original.at("/after/resources/0/duplicate").asBoolean()).isFalse();
    assertThat(redeploy.get("actor").asText()).isEqualTo(ENGINE_USER);
    assertThat(redeploy.get("action").asText()).isEqualTo("deployment.created");
    assertThat(redeploy.at("/after/unchanged").asBoolean()).isTrue();
    assertThat(redeploy.at("/after/resources/0/duplicate").asBoolean()).isTrue();
    assertThat(redeploy.at("/after/resources/0/version").asInt()).isEqualTo(1);
  }

  @Test
  void aRefusedDeploymentWritesNoEntry() throws Exception {
    final String invalid =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(id).startEvent().serviceTask("work").endEvent().done());

    final HttpResponse<String> refused = deployOverRest("broken.bpmn", invalid);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(entries("actor", ENGINE_USER).toString()).doesNotContain(id);
  }

  @Test
  void aDeletionIsRecordedWithTheDeletedVersion() throws Exception {
    final long key =
        modeler
            .newDeployResourceCommand()
            .addResourceStringUtf8(bpmn(id), "order.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    final HttpResponse<String> deleted =
        modelerPost("/resources/" + key + "/deletion", "application/json", "{}");

    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    final JsonNode entries =
        entries("action", "deployment.deleted", "target", "process:" + id + " v1");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).get("actor").asText()).isEqualTo(ENGINE_USER);
    assertThat(entries.get(0).at("/before/key").asText()).isEqualTo(String.valueOf(key));
  }

  @Test
  void whatTheAppDeploysItselfIsRecordedAsItsInternalClientOnThePageAndInTheExport()
      throws Exception {
    ownClient.newDeployResourceCommand().addResourceStringUtf8(bpmn(id), "own.bpmn").send().join();
    final String target = "process:" + id + " v1";

    final var admin = signIn("admin");
    final Document page = html(get("/admin/audit").param("target", target).session(admin));
    final String csv =
        mvc.perform(
                get("/admin/audit/export")
                    .param("format", "csv")
                    .param("target", target)
                    .session(admin))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(page.select("#entries .fd-audit-target").eachText()).containsExactly(target);
    assertThat(page.select("#entries").text()).contains("flowdesk (internal)");
    assertThat(csv).contains("\"flowdesk (internal)\"", "\"deployment.created\"", target);
  }
}
