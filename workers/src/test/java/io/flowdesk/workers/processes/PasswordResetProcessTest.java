package io.flowdesk.workers.processes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.domain.request.RequestState.FULFILLED;
import static io.flowdesk.domain.request.RequestState.IN_FULFILMENT;
import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.processes.RequestBuildingBlocks.Ordered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/catalog/password-reset.bpmn and its form as packaged, against a WireMock stand-in of
 * the directory's API: the HTTP connector unlocks or resets, the person gets a mail, and the
 * service desk takes over when the directory refuses. The workers run as the app runs them (HTTP,
 * email, request stage: {@link RequestBuildingBlocks}); the request record moves with the process.
 */
@FlowdeskEngineTest
class PasswordResetProcessTest {

  @RegisterExtension
  static final WireMockExtension DIRECTORY =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static RequestBuildingBlocks blocks;

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  @BeforeEach
  void deploy() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    DIRECTORY.resetAll();
    if (blocks == null) {
      ItemTesting.deploy(
          client, List.of("catalog/password-reset.bpmn"), List.of("password-reset.form"));
      blocks =
          RequestBuildingBlocks.start(
                  engine,
                  client,
                  records,
                  GREEN_MAIL,
                  "flowdesk.connectors.http.allowed-hosts=127.0.0.1",
                  "flowdesk.connectors.http.allowed-address-ranges=127.0.0.1/32")
              .people("alice", "bob");
      blocks
          .bean(SecretStore.class)
          .put(
              "directory-api",
              "directory-token".toCharArray(),
              SecretBinding.of(List.of(HttpWorker.CONNECTOR), List.of(apiUrl())));
    }
  }

  @AfterAll
  static void stop() {
    blocks.close();
    blocks = null;
  }

  @Test
  void theDirectoryUnlocksTheAccountAndThePersonGetsAMailAtTheAddressItHasOnFile()
      throws Exception {
    DIRECTORY.stubFor(
        post(urlEqualTo("/api/people/alice/unlock"))
            .willReturn(okJson("{\"email\": \"alice.private@example.test\"}")));

    final Ordered request = orderReset("alice", "unlock");
    final long instance = request.instance();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accountReset", "ELEMENT_COMPLETED")).isTrue();
    DIRECTORY.verify(
        postRequestedFor(urlEqualTo("/api/people/alice/unlock"))
            .withHeader("Authorization", equalTo("Bearer directory-token"))
            .withRequestBody(
                equalToJson(
                    "{\"requestNumber\": \""
                        + request.number()
                        + "\", \"requestedBy\": \"alice\"}")));
    assertThat(
            blocks.awaitMail(
                "alice.private@example.test",
                "[" + request.number() + "] Your account is unlocked"))
        .contains("alice is unlocked");
    assertThat(blocks.awaitStates(request, IN_FULFILMENT, FULFILLED)).endsWith(FULFILLED);
    // The mail at the address on file says it all: no second "fulfilled" mail (notify = false).
    assertThat(blocks.subjectsOfMailTo("alice@example.test"))
        .noneMatch(subject -> subject.contains(request.number()));
    assertThat(records.passed(instance, "resetByHand", "ELEMENT_ACTIVATED")).isFalse();
  }

  @Test
  void whenTheDirectoryRefusesTheServiceDeskResetsByHandAndNobodyIsMailedAWrongAddress() {
    DIRECTORY.stubFor(
        post(urlEqualTo("/api/people/alice/reset"))
            .willReturn(aResponse().withStatus(404).withBody("{\"error\": \"unknown person\"}")));

    final Ordered request = orderReset("alice", "reset");
    final long instance = request.instance();

    final UserTask byHand = awaitTask(client, instance, "resetByHand");
    assertThat(byHand.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.variable(instance, "errorMessage")).contains("404");
    assertThat(blocks.states(request)).containsExactly(IN_FULFILMENT);
    complete(client, byHand, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accountReset", "ELEMENT_COMPLETED")).isTrue();
    assertThat(blocks.awaitStates(request, IN_FULFILMENT, FULFILLED)).endsWith(FULFILLED);
    assertThat(blocks.comments(request)).contains("The password is reset.");
    // Only the request's own mail to the requester: the directory named no address to reset to.
    assertThat(
            blocks.awaitMail("alice@example.test", request.number(), "Password reset: fulfilled"))
        .contains("The password is reset.");
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
  }

  @Test
  void withoutAnAddressGivenTheCallGoesToTheDirectoryNamedInTheDiagram() {
    final Ordered request =
        blocks.order("password-reset", "Password reset", "bob", "bob", Map.of("action", "unlock"));
    final long instance = request.instance();

    // The test's secret is bound to WireMock only: refused for the diagram's directory before any
    // request, and a refused secret is an incident for an admin, not a task for the service desk.
    assertThat(records.awaitIncidents(instance))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.errorMessage())
                    .contains("directory-api")
                    .contains("https://directory.flowdesk.local"));
    assertThat(records.passed(instance, "resetByHand", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(DIRECTORY.getAllServeEvents()).isEmpty();
    assertThat(blocks.states(request)).containsExactly(IN_FULFILMENT);
  }

  private Ordered orderReset(final String person, final String action) {
    return blocks.order(
        "password-reset",
        "Password reset",
        person,
        person,
        Map.of("action", action, "directoryApiUrl", apiUrl() + "/api"));
  }

  private static String apiUrl() {
    return "http://127.0.0.1:" + DIRECTORY.getPort();
  }
}
