package io.flowdesk.workers.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.SpringWorkers;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.notify.NotifyWorker;
import io.flowdesk.workers.notify.PersonNotifier;
import io.flowdesk.workers.sms.SmsWorker;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code flowdesk:request-stage} as the app runs it (a Spring bean the starter opens) on a process
 * that moves a request through approval to fulfilled, telling the requester on the channels they
 * chose: mail through the email worker into GreenMail, SMS through the SMS worker into a WireMock
 * Twilio.
 */
@FlowdeskEngineTest
class RequestStageWorkerTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(true);

  @RegisterExtension
  static final WireMockExtension TWILIO =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  ConfigurableApplicationContext app;
  RequestRecords requests;
  Directory directory;
  NotificationPreferences preferences;

  @BeforeEach
  void workers() {
    app =
        SpringWorkers.start(
            engine,
            "flowdesk.secrets.key=" + Base64.getEncoder().encodeToString(new byte[32]),
            "flowdesk.connectors.mail.host=127.0.0.1",
            "flowdesk.connectors.mail.port=" + GREEN_MAIL.getSmtp().getPort(),
            "flowdesk.connectors.mail.security=NONE",
            "flowdesk.connectors.mail.from=flowdesk@flowdesk.test",
            "flowdesk.connectors.mail.message-id-domain=flowdesk.test",
            "flowdesk.connectors.sms.account-sid=" + ACCOUNT,
            "flowdesk.connectors.sms.auth-token-secret=twilio.token",
            "flowdesk.connectors.sms.from=+15005550006",
            "flowdesk.connectors.sms.api-base-url=http://localhost:" + TWILIO.getPort(),
            // The directory API of the password reset item is the same WireMock.
            "flowdesk.connectors.http.allowed-hosts=127.0.0.1",
            "flowdesk.connectors.http.allowed-address-ranges=127.0.0.1/32");
    app.getBean(SecretStore.class)
        .put(
            "twilio.token",
            "twilio-auth-token".toCharArray(),
            SecretBinding.of(
                List.of(SmsWorker.CHANNEL), List.of("http://localhost:" + TWILIO.getPort())));
    requests = app.getBean(RequestRecords.class);
    directory = app.getBean(Directory.class);
    preferences = app.getBean(NotificationPreferences.class);
    directory.addPerson(
        "alice", "Alice Example", "alice@example.test", Set.of(Role.END_USER), null);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  Request submitted() {
    return requests.submit(
        new NewRequest(
            "alice", "alice", "new-laptop", 1, "New laptop", Map.of("model", "14"), null),
        Actor.person("alice"));
  }

  /** Approval stage from a task header, then fulfilled with a comment from a variable. */
  String approvalThenFulfilled() {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "approval",
                t -> t.zeebeJobType(RequestStageWorker.TYPE).zeebeTaskHeader("stage", "approval"))
            .serviceTask(
                "fulfilled",
                t ->
                    t.zeebeJobType(RequestStageWorker.TYPE)
                        .zeebeInput("=\"fulfilled\"", "stage")
                        .zeebeInput("=\"Your laptop is at the service desk.\"", "comment"))
            .endEvent()
            .done());
    return id;
  }

  @Test
  void theProcessMovesTheRequestAndTheRequesterIsMailedWithoutWorkNotes() throws Exception {
    final Request request = submitted();
    requests.addJournalEntry(
        request.id(), JournalKind.WORK_NOTE, "Supplier invoice 4711 overdue", Actor.person("ann"));

    final long instance =
        start(client, approvalThenFulfilled(), Map.of("requestNumber", request.number()));

    records.awaitCompleted(instance);
    final Request fulfilled = requests.find(request.id()).orElseThrow();
    assertThat(fulfilled.state()).isEqualTo(RequestState.FULFILLED);
    assertThat(records.variable(instance, "requestState")).isEqualTo("\"FULFILLED\"");
    assertThat(requests.journal(request.id(), false))
        .extracting(JournalEntry::text)
        .containsExactly("Your laptop is at the service desk.");
    assertThat(
            requests.auditTrail(request.id()).stream()
                .filter(e -> e.field().equals("state") && e.oldValue() != null))
        .extracting(e -> e.newValue())
        .containsExactly("AWAITING_APPROVAL", "FULFILLED");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> GREEN_MAIL.getReceivedMessages().length == 1);
    final MimeMessage mail = GREEN_MAIL.getReceivedMessages()[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.test");
    assertThat(mail.getSubject()).contains("New laptop: fulfilled").contains(request.number());
    final String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("has been fulfilled", "Your laptop is at the service desk.");
    assertThat(body).doesNotContain("4711");
  }

  @Test
  void aRepeatedJobMovesAndMailsOnce() {
    final Request request = submitted();
    final RequestStageWorker worker =
        new RequestStageWorker(requests, app.getBean(PersonNotifier.class), Duration.ZERO);
    final ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(4242L);
    when(job.getVariablesAsMap())
        .thenReturn(Map.of("requestNumber", request.number(), "stage", "rejected"));
    when(job.getCustomHeaders()).thenReturn(Map.of());

    worker.move(new JobInputs(job));
    worker.move(new JobInputs(job));

    assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.REJECTED);
    assertThat(
            requests.auditTrail(request.id()).stream()
                .filter(e -> e.field().equals("state") && e.oldValue() != null))
        .hasSize(1);
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    assertThat(GREEN_MAIL.getReceivedMessages()[0])
        .satisfies(mail -> assertThat(mail.getSubject()).contains("New laptop: rejected"));
  }

  @Test
  void aRequesterWhoTurnedOffMailForTheirRecordsGetsNoFulfilmentMailButStillApprovalMails() {
    preferences.choose(
        "alice",
        Map.of(
            NotificationKind.MY_RECORD_UPDATES, Set.of(),
            NotificationKind.APPROVAL_REQUESTS, Set.of(NotificationChannel.EMAIL)));
    final Request request = submitted();
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "fulfilled",
                t -> t.zeebeJobType(RequestStageWorker.TYPE).zeebeTaskHeader("stage", "fulfilled"))
            .serviceTask(
                "askAlice",
                t ->
                    t.zeebeJobType(NotifyWorker.TYPE)
                        .zeebeInput("alice", "person")
                        .zeebeInput("APPROVAL_REQUESTS", "kind")
                        .zeebeInput("Approval needed: team budget", "subject")
                        .zeebeInput("Your approval is needed.", "body"))
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of("requestNumber", request.number()));

    records.awaitCompleted(instance);
    assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.FULFILLED);
    assertThat(GREEN_MAIL.getReceivedMessages())
        .singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Approval needed: team budget"));
  }

  @Test
  void aRequesterWhoChoseSmsForTheirRecordsGetsTheFulfilmentBySmsInsteadOfMail() {
    directory.updateContact("alice", "Alice Example", "alice@example.test", "+41 79 444 44 44");
    preferences.choose(
        "alice", Map.of(NotificationKind.MY_RECORD_UPDATES, Set.of(NotificationChannel.SMS)));
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        """
                        {"sid": "SM%s", "account_sid": "%s", "to": "+41794444444",
                         "from": "+15005550006", "body": "x", "status": "queued",
                         "direction": "outbound-api", "api_version": "2010-04-01"}
                        """
                            .formatted("4".repeat(32), ACCOUNT))));
    final Request request = submitted();

    final long instance =
        start(client, approvalThenFulfilled(), Map.of("requestNumber", request.number()));

    records.awaitCompleted(instance);
    TWILIO.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41794444444"))
            .withFormParam("Body", containing(request.number()))
            .withFormParam("Body", containing("New laptop: fulfilled")));
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aPasswordResetThroughTheDirectoryMailsThePersonOnceNotTwice() {
    final String directory = "http://127.0.0.1:" + TWILIO.getPort();
    app.getBean(SecretStore.class)
        .put(
            "directory-api",
            "directory-token".toCharArray(),
            SecretBinding.of(List.of(HttpWorker.CONNECTOR), List.of(directory)));
    TWILIO.stubFor(
        post(urlEqualTo("/api/people/alice/reset"))
            .willReturn(okJson("{\"email\": \"alice@example.test\"}")));
    client
        .newDeployResourceCommand()
        .addResourceString(
            WorkerTesting.processFile("catalog/password-reset.bpmn"),
            StandardCharsets.UTF_8,
            "password-reset.bpmn")
        .addResourceString(
            WorkerTesting.formFile("password-reset.form"),
            StandardCharsets.UTF_8,
            "password-reset.form")
        .send()
        .join();
    final Request request =
        requests.submit(
            new NewRequest(
                "alice",
                "alice",
                "password-reset",
                1,
                "Password reset",
                Map.of("action", "reset"),
                null),
            Actor.person("alice"));

    final long instance =
        start(
            client,
            "password-reset",
            Map.of(
                "requestNumber", request.number(),
                "requester", "alice",
                "requestedFor", "alice",
                "requestedBy", "alice",
                "action", "reset",
                "directoryApiUrl", directory + "/api"));

    records.awaitCompleted(instance);
    assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.FULFILLED);
    // Every mail of the instance went out before it completed: the directory's address got one.
    assertThat(GREEN_MAIL.getReceivedMessages())
        .singleElement()
        .satisfies(
            mail ->
                assertThat(mail.getSubject())
                    .isEqualTo(
                        "[" + request.number() + "] Your password reset link is on its way"));
  }

  @Test
  void anUnknownStageIsAnIncidentNamingTheStagesAndChangesNothing() {
    final Request request = submitted();
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "stage",
                t -> t.zeebeJobType(RequestStageWorker.TYPE).zeebeTaskHeader("stage", "shipped"))
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of("requestNumber", request.number()));

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains("input 'stage' must be one of approval")
        .contains("shipped");
    assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.SUBMITTED);
  }
}
