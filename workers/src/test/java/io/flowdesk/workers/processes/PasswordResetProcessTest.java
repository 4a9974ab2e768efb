package io.flowdesk.workers.processes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static io.flowdesk.workers.processes.ItemTesting.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.connectors.http.DestinationPolicy;
import io.flowdesk.connectors.http.HttpConnector;
import io.flowdesk.connectors.http.HttpConnectorSettings;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.mail.EmailWorker;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/catalog/password-reset.bpmn and its form as packaged, against a WireMock stand-in of
 * the directory's API: the HTTP connector unlocks or resets, the person gets a mail, and the
 * service desk takes over when the directory refuses.
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

  static SecretStore secrets;
  static HttpConnector connector;
  static TestWorker http;
  static TestWorker email;
  static RequestStandIns standIns;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void directory() {
    secrets = new SecretStore(WorkerTesting.domainDatabase(), WorkerTesting.randomKey());
    secrets.put(
        "directory-api",
        "directory-token".toCharArray(),
        SecretBinding.of(List.of(HttpWorker.CONNECTOR), List.of(apiUrl())));
    connector =
        new HttpConnector(
            HttpConnectorSettings.of(
                DestinationPolicy.builder()
                    .allowHost("127.0.0.1")
                    .allowAddressRange("127.0.0.1/32")
                    .build()));
  }

  @BeforeEach
  void deploy() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    DIRECTORY.resetAll();
    if (standIns == null) {
      ItemTesting.deploy(
          client, List.of("catalog/password-reset.bpmn"), List.of("password-reset.form"));
      standIns = RequestStandIns.start(client);
      http = new TestWorker(client, HttpWorker.TYPE);
      http.use(new HttpWorker(connector, secrets, Duration.ofMillis(100))::handle);
      email = new TestWorker(client, EmailWorker.TYPE);
      final MailServer smtp =
          MailServer.of("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE);
      email.use(
          new EmailWorker(
                  new MailSender(
                      new MailSenderSettings(smtp, "flowdesk@flowdesk.local", "flowdesk.local")),
                  new DeliveryLog(WorkerTesting.domainDatabase()),
                  Duration.ofMillis(100))
              ::handle);
    }
  }

  @AfterAll
  static void stop() {
    standIns.close();
    standIns = null;
    http.close();
    email.close();
    connector.close();
  }

  @Test
  void theDirectoryUnlocksTheAccountAndThePersonGetsAMailAtTheAddressItHasOnFile()
      throws Exception {
    DIRECTORY.stubFor(
        post(urlEqualTo("/api/people/alice/unlock"))
            .willReturn(okJson("{\"email\": \"alice.private@example.test\"}")));

    final long instance = orderReset("REQ0000401", "unlock");

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accountReset", "ELEMENT_COMPLETED")).isTrue();
    DIRECTORY.verify(
        postRequestedFor(urlEqualTo("/api/people/alice/unlock"))
            .withHeader("Authorization", equalTo("Bearer directory-token"))
            .withRequestBody(
                equalToJson("{\"requestNumber\": \"REQ0000401\", \"requestedBy\": \"alice\"}")));
    final MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("alice.private@example.test");
    assertThat(mails[0].getSubject()).isEqualTo("[REQ0000401] Your account is unlocked");
    assertThat(GreenMailUtil.getBody(mails[0])).contains("alice is unlocked");
    assertThat(standIns.stages("REQ0000401")).containsExactly("fulfilment", "fulfilled");
    assertThat(records.passed(instance, "resetByHand", "ELEMENT_ACTIVATED")).isFalse();
  }

  @Test
  void whenTheDirectoryRefusesTheServiceDeskResetsByHandAndNobodyIsMailedAWrongAddress() {
    DIRECTORY.stubFor(
        post(urlEqualTo("/api/people/alice/reset"))
            .willReturn(aResponse().withStatus(404).withBody("{\"error\": \"unknown person\"}")));

    final long instance = orderReset("REQ0000402", "reset");

    final UserTask byHand = awaitTask(client, instance, "resetByHand");
    assertThat(byHand.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.variable(instance, "errorMessage")).contains("404");
    assertThat(standIns.stages("REQ0000402")).containsExactly("fulfilment");
    complete(client, byHand, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accountReset", "ELEMENT_COMPLETED")).isTrue();
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(standIns.stages("REQ0000402")).containsExactly("fulfilment", "fulfilled");
    assertThat(standIns.stagesOf("REQ0000402").get(1).comment())
        .isEqualTo("The password is reset.");
  }

  @Test
  void withoutAnAddressGivenTheCallGoesToTheDirectoryNamedInTheDiagram() {
    final long instance =
        order(client, "password-reset", "REQ0000403", "bob", "bob", Map.of("action", "unlock"));

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
  }

  private long orderReset(final String number, final String action) {
    return order(
        client,
        "password-reset",
        number,
        "alice",
        "alice",
        Map.of("action", action, "directoryApiUrl", apiUrl() + "/api"));
  }

  private static String apiUrl() {
    return "http://127.0.0.1:" + DIRECTORY.getPort();
  }
}
