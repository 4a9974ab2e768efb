package io.flowdesk.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.SharedPostgres;
import io.grpc.Status;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth 2 access tokens from a real authorization server, as Camunda Modeler and workers use them
 * against Camunda 8 Self-Managed: camunda-client-java's OAuth credentials provider works over gRPC
 * and REST, scopes decide what a client may do, and tokens with a wrong audience, issuer or
 * signature are refused without changing anything.
 */
class OAuthAccessTest {

  private static final String AUDIENCE = "flowdesk-engine";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HikariDataSource dataSource;
  private static TestAuthorizationServer issuer;
  private static TestAuthorizationServer stranger;
  private static Engine engine;

  @TempDir static Path credentialsCache;

  @BeforeAll
  static void start() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(10);
    issuer = TestAuthorizationServer.start();
    stranger = TestAuthorizationServer.start();
    engine =
        EngineBootstrap.start(
            dataSource,
            EngineProperties.loopback()
                .withSecurity(
                    ApiSecurity.DEFAULT.withOAuth(
                        new OAuthSettings(issuer.issuer(), null, AUDIENCE, null))),
            new EngineClock());
  }

  @AfterAll
  static void stop() {
    engine.close();
    issuer.close();
    stranger.close();
    dataSource.close();
  }

  @Test
  void theCamundaClientsOAuthProviderDeploysAndWorksWithinItsScopes() throws Exception {
    try (CamundaClient modeler = client("modeler", "engine:deploy engine:read", false);
        CamundaClient modelerOverRest = client("modeler", "engine:deploy engine:read", true);
        CamundaClient worker = client("worker", "engine:operate", false)) {
      modeler
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("oauthDeployed").startEvent().endEvent().done(),
              "oauthDeployed.bpmn")
          .send()
          .join();
      modelerOverRest
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("oauthDeployedRest").startEvent().endEvent().done(),
              "oauthDeployedRest.bpmn")
          .send()
          .join();

      assertThat(
              worker
                  .newCreateInstanceCommand()
                  .bpmnProcessId("oauthDeployed")
                  .latestVersion()
                  .send()
                  .join()
                  .getProcessInstanceKey())
          .isPositive();
      assertThatThrownBy(
              () ->
                  modeler
                      .newCreateInstanceCommand()
                      .bpmnProcessId("oauthDeployed")
                      .latestVersion()
                      .send()
                      .join())
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("'modeler'").contains("'operate'");
              });
      assertThatThrownBy(
              () ->
                  modelerOverRest
                      .newCreateInstanceCommand()
                      .bpmnProcessId("oauthDeployed")
                      .latestVersion()
                      .send()
                      .join())
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(403));
      assertThatThrownBy(
              () ->
                  worker
                      .newDeployResourceCommand()
                      .addProcessModel(
                          Bpmn.createExecutableProcess("takeover").startEvent().done(),
                          "takeover.bpmn")
                      .send()
                      .join())
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }
  }

  @Test
  void aReaderSearchesButCannotCancel() throws Exception {
    final String token = token(issuer, "reader", AUDIENCE);

    assertThat(call(token, "POST", "/v2/process-instances/search", "{}").statusCode())
        .isEqualTo(200);
    final HttpResponse<String> cancel =
        call(token, "POST", "/v2/process-instances/1/cancellation", "{}");
    assertThat(cancel.statusCode()).isEqualTo(403);
    assertThat(cancel.body()).contains("'operate'");
    // Batch operations: reading them needs read, creating and acting on them operate.
    assertThat(call(token, "POST", "/v2/batch-operations/search", "{}").statusCode())
        .isEqualTo(200);
    assertThat(call(token, "POST", "/v2/batch-operation-items/search", "{}").statusCode())
        .isEqualTo(200);
    for (final String path :
        List.of(
            "/v2/process-instances/cancellation",
            "/v2/process-instances/incident-resolution",
            "/v2/process-instances/migration",
            "/v2/process-instances/modification",
            "/v2/batch-operations/1/suspension",
            "/v2/batch-operations/1/resumption",
            "/v2/batch-operations/1/cancellation",
            "/v2/element-instances/ad-hoc-activities/1/activation")) {
      final HttpResponse<String> refused = call(token, "POST", path, "{\"filter\":{}}");
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).as(path).contains("'operate'");
    }
  }

  @Test
  void tokensForAnotherAudienceFromAnotherIssuerOrWithAForgedSignatureAreRefused()
      throws Exception {
    final HttpResponse<String> otherAudience =
        call(token(issuer, "worker", "another-app"), "POST", "/v2/process-instances/search", "{}");
    final HttpResponse<String> strangersKey =
        call(token(stranger, "worker", AUDIENCE), "POST", "/v2/process-instances/search", "{}");
    final String valid = token(issuer, "worker", AUDIENCE);
    final String[] parts = valid.split("\\.", 0);
    final HttpResponse<String> tampered =
        call(
            parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse(),
            "POST",
            "/v2/process-instances/search",
            "{}");

    assertThat(otherAudience.statusCode()).isEqualTo(401);
    assertThat(otherAudience.body()).contains("aud");
    assertThat(strangersKey.statusCode()).isEqualTo(401);
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).doesNotContain(parts[2]);
  }

  @Test
  void anEngineTrustingAnotherIssuerRefusesThisIssuersTokensOverGrpcToo() throws Exception {
    try (Engine strict =
            EngineBootstrap.start(
                dataSource,
                EngineProperties.loopback()
                    .withSecurity(
                        ApiSecurity.DEFAULT.withOAuth(
                            new OAuthSettings(
                                "https://idp.example.com/realms/flowdesk",
                                issuer.issuer() + "/oauth2/jwks",
                                AUDIENCE,
                                null))),
                new EngineClock());
        CamundaClient worker =
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + strict.gatewayPort()))
                .restAddress(strict.restAddress().orElseThrow())
                .credentialsProvider(oauth("worker", "engine:operate"))
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .build()) {
      assertThatThrownBy(() -> worker.newTopologyRequest().useGrpc().send().join())
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(e.getMessage()).contains("iss");
              });
    }
  }

  private static CamundaClient client(final String id, final String scope, final boolean rest)
      throws Exception {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
        .restAddress(engine.restAddress().orElseThrow())
        .preferRestOverGrpc(rest)
        .credentialsProvider(oauth(id, scope))
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static CredentialsProvider oauth(final String id, final String scope) throws Exception {
    return CredentialsProvider.newCredentialsProviderBuilder()
        .clientId(id)
        .clientSecret(id + "-secret")
        .audience(AUDIENCE)
        .scope(scope)
        .authorizationServerUrl(issuer.tokenEndpoint().toString())
        .credentialsCachePath(
            Files.createTempFile(credentialsCache, "credentials", ".json").toString())
        .build();
  }

  /** A client-credentials token, fetched as any OAuth client fetches one. */
  private static String token(
      final TestAuthorizationServer server, final String client, final String audience)
      throws Exception {
    final String form =
        "grant_type=client_credentials&client_id="
            + client
            + "&client_secret="
            + client
            + "-secret&audience="
            + URLEncoder.encode(audience, StandardCharsets.UTF_8)
            + "&scope="
            + (client.equals("reader") ? "engine:read" : "engine:operate");
    final HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(server.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).get("access_token").asText();
  }

  private static HttpResponse<String> call(
      final String token, final String method, final String path, final String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(engine.restAddress().orElseThrow().resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
