package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine's REST API on the app's own web port, as Camunda 8.8 serves {@code /v2} on its web
 * port, and the app's camunda client using it.
 */
@SpringBootTest(
    classes = FlowdeskApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "management.endpoint.health.show-components=always")
class EngineApiOnWebPortTest {

  // A fixed port, known before the context starts, as in production (8080).
  private static final int PORT = freePort();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void webPort(final DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
  }

  @Autowired CamundaClient client;
  @Autowired Engine engine;

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> get(final String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restTopologyIsServedOnTheAppsPort() throws Exception {
    final HttpResponse<String> topology = get("/v2/topology");

    assertThat(topology.statusCode()).isEqualTo(200);
    assertThat(topology.body()).contains("\"gatewayVersion\":\"8.8.0\"");
  }

  @Test
  void theAppsClientPrefersRestOnTheAppsPortAndUsesGrpcAtTheEnginesPort() {
    assertThat(client.getConfiguration().getRestAddress())
        .isEqualTo(URI.create("http://127.0.0.1:" + PORT));
    assertThat(client.getConfiguration().getGrpcAddress().getPort())
        .isEqualTo(engine.gatewayPort());
    assertThat(client.getConfiguration().preferRestOverGrpc()).isTrue();

    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("webPortCheck")
                .startEvent()
                .scriptTask("double", t -> t.zeebeExpression("n * 2").zeebeResultVariable("m"))
                .endEvent()
                .done(),
            "webPortCheck.bpmn")
        .send()
        .join();
    final ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("webPortCheck")
            .latestVersion()
            .variables(Map.of("n", 21))
            .withResult()
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("m", 42);
  }

  @Test
  void healthIncludingTheCamundaClientIsUp() throws Exception {
    final HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).startsWith("{\"status\":\"UP\"").contains("\"camunda");
    assertThat(health.body()).doesNotContain("DOWN");
  }
}
