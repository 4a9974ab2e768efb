package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.access.ApiCredentials;
import io.flowdesk.engine.support.EngineClock;
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
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use the engine's APIs: without credentials only clients on this machine; with
 * credentials, every client must present them (HTTP Basic or a bearer token), over REST and gRPC
 * alike.
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
  void withoutCredentialsOnlyClientsOnThisMachineAreServed() throws Exception {
    final Optional<InetAddress> lan = nonLoopbackAddress();
    assumeTrue(lan.isPresent(), "needs a network interface other than loopback");
    // Hosted like the Spring Boot app hosts it: on a port that listens on every interface.
    try (Engine engine = start(EngineProperties.loopback().withRest("127.0.0.1", -1))) {
      final Tomcat tomcat = tomcat(engine.restApiServlet());
      try {
        final int port = tomcat.getConnector().getLocalPort();
        final String remote = lan.get().getHostAddress();

        final Http.Answer fromElsewhere =
            new Http(URI.create("http://" + remote + ":" + port)).get("/v2/topology");
        final Http.Answer fromHere =
            new Http(URI.create("http://127.0.0.1:" + port)).get("/v2/topology");

        assertThat(fromElsewhere.status()).isEqualTo(401);
        assertThat(fromElsewhere.json().get("detail").asText()).contains("other machines");
        assertThat(fromHere.status()).isEqualTo(200);
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
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
