package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.Browser;
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
 * port, and the app's camunda client using it; nobody else gets in without credentials: not through
 * a same-host reverse proxy, not with a spoofed {@code X-Forwarded-For}, not from a web page's
 * cross-origin post, not with a signed-in person's session.
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
  void restTopologyIsServedOnTheAppsPortToAuthenticatedClientsOnly() throws Exception {
    final HttpResponse<String> anonymous = get("/v2/topology");
    final HttpResponse<String> spoofed =
        send(request("/v2/topology").header("X-Forwarded-For", "127.0.0.1"));
    final HttpResponse<String> own =
        send(request("/v2/topology").header("Authorization", engine.ownClientAuthorization()));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(spoofed.statusCode()).isEqualTo(401);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("\"gatewayVersion\":\"8.8.0\"");
  }

  @Test
  void throughASameHostReverseProxyAnonymousVisitorsReachNothing() throws Exception {
    for (final boolean forwardedFor : new boolean[] {false, true}) {
      try (ReverseProxy proxy =
          ReverseProxy.to(URI.create("http://127.0.0.1:" + PORT), forwardedFor)) {
        final URI base = proxy.address();
        final HttpResponse<String> variables = send(json(base, "/v2/variables/search", "{}"));
        final HttpResponse<String> cancellation =
            send(json(base, "/v2/process-instances/1/cancellation", "{}"));
        final HttpResponse<String> deployment =
            send(
                HttpRequest.newBuilder(base.resolve("/v2/deployments"))
                    .header("Content-Type", "multipart/form-data; boundary=x")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "--x\r\nContent-Disposition: form-data; name=\"resources\";"
                                + " filename=\"planted.bpmn\"\r\n\r\n"
                                + planted()
                                + "\r\n--x--\r\n")));
        final HttpResponse<String> authenticated =
            send(
                HttpRequest.newBuilder(base.resolve("/v2/topology"))
                    .header("Authorization", engine.ownClientAuthorization()));

        assertThat(variables.statusCode()).as("forwarded-for %s", forwardedFor).isEqualTo(401);
        assertThat(cancellation.statusCode()).isEqualTo(401);
        assertThat(deployment.statusCode()).isEqualTo(401);
        assertThat(authenticated.statusCode()).isEqualTo(200);
      }
    }
    assertNothingPlanted();
  }

  @Test
  void crossOriginBrowserPostsAreRefused() throws Exception {
    final HttpResponse<String> textPlain =
        send(
            request("/v2/process-instances")
                .header("Origin", "http://attacker.example")
                .header("Content-Type", "text/plain")
                .header("Authorization", engine.ownClientAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString("{\"processDefinitionId\":\"x\"}")));
    final HttpResponse<String> textPlainFromThisMachine =
        send(
            request("/v2/deployments")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(planted())));

    assertThat(textPlain.statusCode()).isEqualTo(403);
    assertThat(textPlain.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(textPlainFromThisMachine.statusCode()).isIn(401, 415);
    assertNothingPlanted();
  }

  @Test
  void aSignedInPeoplesSessionOpensNoEngineApi() throws Exception {
    final Browser browser = new Browser();
    final String base = "http://127.0.0.1:" + PORT;
    browser.signIn(base, "admin", "demo-flowdesk-2025");

    final HttpResponse<String> portal = browser.get(base + "/portal");
    final HttpResponse<String> engineApi =
        browser
            .client()
            .send(
                json(URI.create(base), "/v2/process-instances/search", "{}").build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(portal.statusCode()).isEqualTo(200);
    assertThat(engineApi.statusCode()).isEqualTo(401);
  }

  @Test
  void actuatorEndpointsOtherThanHealthNeedAnAdmin() throws Exception {
    assertThat(get("/actuator/info").statusCode()).isNotEqualTo(200);
    assertThat(get("/actuator/env").statusCode()).isNotEqualTo(200);
  }

  private static HttpRequest.Builder request(final String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
  }

  private static HttpRequest.Builder json(final URI base, final String path, final String body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(final HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String planted() {
    return Bpmn.convertToString(Bpmn.createExecutableProcess("planted").startEvent().done());
  }

  private void assertNothingPlanted() {
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("planted"))
                .send()
                .join()
                .items())
        .isEmpty();
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
