package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.access.ApiCredentials;
import io.flowdesk.engine.access.ApiSecurity;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import io.flowdesk.engine.test.SharedPostgres;
import io.grpc.Status;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use the engine's APIs: every client must authenticate, local or not (the engine's own
 * client with its generated token, others with configured Basic credentials or a bearer token),
 * over REST and gRPC alike; the local opt-out never serves proxied or rebound requests; browsers'
 * cross-site requests are refused.
 */
class ApiAccessTest {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(10);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  private static Engine start(final EngineProperties properties) {
    return EngineBootstrap.start(dataSource, properties, new EngineClock());
  }

  private static String basic(final String user, final String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withCredentialsConfiguredEveryRestRequestMustPresentThem() {
    try (Engine engine =
        start(
            EngineProperties.loopback()
                .withCredentials(new ApiCredentials("ops", "s3cret", "token-42")))) {
      final URI base = engine.restAddress().orElseThrow();

      final Http.Answer none = new Http(base).get("/v2/topology");
      final Http.Answer wrong =
          new Http(base).header("Authorization", basic("ops", "guess")).get("/v2/topology");
      final Http.Answer basic =
          new Http(base).header("Authorization", basic("ops", "s3cret")).get("/v2/topology");
      final Http.Answer bearer =
          new Http(base).header("Authorization", "Bearer token-42").get("/v2/topology");

      assertThat(none.status()).isEqualTo(401);
      assertThat(none.contentType()).startsWith("application/problem+json");
      assertThat(none.json().get("title").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(none.raw().headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().get("detail").asText()).contains("not valid");
      assertThat(basic.status()).isEqualTo(200);
      assertThat(bearer.status()).isEqualTo(200);
    }
  }

  @Test
  void withCredentialsConfiguredTheCamundaClientNeedsThemOverRestAndGrpc() {
    try (Engine engine =
            start(EngineProperties.loopback().withCredentials(ApiCredentials.basic("ops", "pw")));
        CamundaClient anonymous = client(engine, null);
        CamundaClient authenticated =
            client(
                engine,
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username("ops")
                    .password("pw")
                    .build())) {

      assertThatThrownBy(() -> anonymous.newTopologyRequest().useGrpc().send().join())
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThatThrownBy(() -> anonymous.newTopologyRequest().useRest().send().join())
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(401));
      assertThat(authenticated.newTopologyRequest().useGrpc().send().join().getBrokers())
          .hasSize(1);
      assertThat(authenticated.newTopologyRequest().useRest().send().join().getBrokers())
          .hasSize(1);
    }
  }

  @Test
  void withoutConfiguredCredentialsOnlyTheEnginesOwnClientIsServedEvenFromThisMachine() {
    try (Engine engine = start(EngineProperties.loopback());
        CamundaClient anonymous = client(engine, null);
        CamundaClient own = FlowdeskEngineExtension.client(engine, ClientProtocol.CONFIGURED)) {
      final Http.Answer local = new Http(engine.restAddress().orElseThrow()).get("/v2/topology");

      assertThat(local.status()).isEqualTo(401);
      assertThat(local.json().get("detail").asText()).contains("needs credentials");
      assertThatThrownBy(() -> anonymous.newTopologyRequest().useGrpc().send().join())
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThat(own.newTopologyRequest().useGrpc().send().join().getBrokers()).hasSize(1);
      assertThat(own.newTopologyRequest().useRest().send().join().getBrokers()).hasSize(1);
    }
  }

  @Test
  void insecureLocalAccessServesDirectLocalRequestsButNeverProxiedOnesOrOtherHosts()
      throws Exception {
    final Optional<InetAddress> lan = nonLoopbackAddress();
    try (Engine engine =
        start(
            EngineProperties.loopback()
                .withRest("127.0.0.1", -1)
                .withSecurity(ApiSecurity.DEFAULT.withInsecureLocalAccess(true)))) {
      final Tomcat tomcat = tomcat(engine.restApiServlet());
      try {
        final URI local = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());

        assertThat(new Http(local).get("/v2/topology").status()).isEqualTo(200);
        for (final String header :
            List.of("X-Forwarded-For", "Forwarded", "X-Real-IP", "Via", "X-Forwarded-Host")) {
          assertThat(new Http(local).header(header, "127.0.0.1").get("/v2/topology").status())
              .as("a request carrying %s", header)
              .isEqualTo(401);
        }
        // DNS rebinding: a page on a name that resolves to this machine.
        assertThat(statusWithHost(local, "rebound.example:8080")).isEqualTo(401);
        assertThat(statusWithHost(local, "localhost")).isEqualTo(200);
        if (lan.isPresent()) {
          final URI elsewhere =
              URI.create(
                  "http://"
                      + lan.get().getHostAddress()
                      + ":"
                      + tomcat.getConnector().getLocalPort());
          assertThat(new Http(elsewhere).get("/v2/topology").status()).isEqualTo(401);
        }
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  @Test
  void crossSiteBrowserRequestsAreRefusedBeforeAnythingHappens() {
    try (Engine engine =
        start(
            EngineProperties.loopback()
                .withSecurity(
                    ApiSecurity.DEFAULT
                        .withInsecureLocalAccess(true)
                        .withAllowedOrigins(List.of("https://modeler.example.com"))))) {
      final URI base = engine.restAddress().orElseThrow();
      final String bpmn =
          Bpmn.convertToString(Bpmn.createExecutableProcess("planted").startEvent().done());

      // A page elsewhere posts text/plain (no CORS preflight) and a multipart form.
      final Http.Answer textPlain =
          new Http(base)
              .header("Origin", "http://attacker.example")
              .header("Content-Type", "text/plain")
              .post("/v2/process-instances", "{\"processDefinitionId\":\"planted\"}");
      final Http.Answer multipart =
          new Http(base)
              .header("Origin", "http://localhost:3000")
              .multipart(
                  "/v2/deployments",
                  "resources",
                  Map.of("planted.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)),
                  Map.of());
      // Without an Origin (a script on this machine), JSON endpoints still want JSON.
      final Http.Answer plainWithoutOrigin =
          new Http(base)
              .header("Content-Type", "text/plain")
              .post("/v2/messages/publication", "{\"name\":\"x\"}");
      // An allowed origin gets CORS, and still authenticates like every other client.
      final Http.Answer allowed =
          Http.of(engine).header("Origin", "https://modeler.example.com").get("/v2/topology");

      assertThat(textPlain.status()).isEqualTo(403);
      assertThat(textPlain.json().get("detail").asText())
          .contains("http://attacker.example")
          .contains("allowed-origins");
      assertThat(multipart.status()).isEqualTo(403);
      assertThat(plainWithoutOrigin.status()).isEqualTo(415);
      assertThat(plainWithoutOrigin.json().get("detail").asText()).contains("application/json");
      assertThat(textPlain.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(allowed.status()).isEqualTo(200);
      assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://modeler.example.com");
      assertThat(
              Http.of(engine)
                  .post(
                      "/v2/process-definitions/search",
                      "{\"filter\":{\"processDefinitionId\":\"planted\"}}")
                  .json()
                  .get("items"))
          .isEmpty();
    }
  }

  @Test
  void listenersReachableFromOtherMachinesWithoutCredentialsRefuseToStart() {
    assertThatThrownBy(() -> start(EngineProperties.loopback().withGrpc("0.0.0.0", 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gRPC gateway")
        .hasMessageContaining("'0.0.0.0'")
        .hasMessageContaining("flowdesk.engine.credentials");
    assertThatThrownBy(() -> start(EngineProperties.loopback().withRest("0.0.0.0", 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REST API")
        .hasMessageContaining("flowdesk.engine.credentials");
  }

  @Test
  void aRemoteGrpcGatewayWithCredentialsStartsAndServesThoseWhoPresentThem() {
    try (Engine engine =
            start(
                EngineProperties.loopback()
                    .withGrpc("0.0.0.0", 0)
                    .withCredentials(ApiCredentials.bearer("t0k3n")));
        CamundaClient client = client(engine, new StaticBearer("t0k3n"))) {
      assertThat(client.newTopologyRequest().useGrpc().send().join().getBrokers()).hasSize(1);
    }
  }

  /** A fixed bearer token, as an OAuth credentials provider would send one. */
  private record StaticBearer(String token) implements CredentialsProvider {
    @Override
    public void applyCredentials(final CredentialsApplier applier) {
      applier.put("Authorization", "Bearer " + token);
    }

    @Override
    public boolean shouldRetryRequest(final StatusCode statusCode) {
      return false;
    }
  }

  private static CamundaClient client(final Engine engine, final CredentialsProvider credentials) {
    final var builder =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
            .restAddress(engine.restAddress().orElseThrow())
            .defaultRequestTimeout(Duration.ofSeconds(10));
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  /** GET /v2/topology with a Host header of our choosing, which Java's HTTP client refuses. */
  private static int statusWithHost(final URI base, final String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET /v2/topology HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      final String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(statusLine.split(" ", 0)[1]);
    }
  }

  private static Tomcat tomcat(final RestApiServlet servlet) throws Exception {
    final Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("access-test").toString());
    final Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "0.0.0.0");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    final Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "rest", servlet).setAsyncSupported(true);
    context.addServletMappingDecoded(RestApiServlet.MAPPING, "rest");
    tomcat.start();
    return tomcat;
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .filter(address -> !address.isLinkLocalAddress())
        .findFirst();
  }
}
