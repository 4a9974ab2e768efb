package io.flowdesk.workers.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Recipients;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.notify.NotifyWorker;
import io.flowdesk.workers.notify.PersonNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flowdesk:notify} for people who chose chat: one post to the notifications channel, with
 * the person mentioned; nobody mentioned for a person without a chat handle.
 */
@FlowdeskEngineTest
class PersonalChatNoticeTest {

  @RegisterExtension
  static final WireMockExtension HOOKS =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String NOTICES_PATH = "/services/T000/B000/notices-credential";
  static final String TEAMS_PATH = "/webhookb2/notices-credential";

  static TestWorker running;
  static DataSource database;
  static SecretStore secrets;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void domain() {
    database = WorkerTesting.domainDatabase();
    secrets = new SecretStore(database, WorkerTesting.randomKey());
    final String hooks = "http://localhost:" + HOOKS.getPort();
    secrets.put(
        "teams.notices",
        (hooks + TEAMS_PATH).toCharArray(),
        SecretBinding.of(List.of(ChatWorker.CHANNEL), List.of(hooks)));
    secrets.put(
        "slack.notices",
        (hooks + NOTICES_PATH).toCharArray(),
        SecretBinding.of(List.of(ChatWorker.CHANNEL), List.of(hooks)));
    final Directory directory = new Directory(database);
    final NotificationPreferences preferences = new NotificationPreferences(database);
    for (final String name : List.of("chatty", "handless")) {
      directory.addPerson(
          name, name.toUpperCase(), name + "@example.test", Set.of(Role.END_USER), null);
      preferences.choose(
          name, Map.of(NotificationKind.APPROVAL_REQUESTS, Set.of(NotificationChannel.CHAT)));
    }
    directory.updateContact("chatty", "Chatty", "chatty@example.test", null, "U0123ABCD");
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      final ChatNotices chat =
          new ChatNotices(
              secrets,
              new DeliveryLog(database),
              new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)),
              "slack",
              "slack.notices");
      running = new TestWorker(client, NotifyWorker.TYPE);
      running.use(
          new NotifyWorker(
                  new PersonNotifier(
                      new Recipients(
                          new Directory(database), new NotificationPreferences(database)),
                      Optional::empty,
                      Optional::empty,
                      () -> Optional.of(chat)),
                  Duration.ofMillis(100))
              ::handle);
    }
  }

  @AfterAll
  static void stopWorker() {
    running.close();
  }

  static BpmnModelInstance notify(final String id, final String person) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "notify",
            t ->
                t.zeebeJobType(NotifyWorker.TYPE)
                    .zeebeInput("=\"" + person + "\"", "person")
                    .zeebeInput("=\"APPROVAL_REQUESTS\"", "kind")
                    .zeebeInputExpression("\"Approve \" + request", "subject")
                    .zeebeInputExpression("\"Please decide on <b>\" + request + \"</b>\"", "body"))
        .endEvent("notified")
        .done();
  }

  @Test
  void aPersonWhoChoseChatIsMentionedOnceInTheNotificationsChannel() {
    HOOKS.stubFor(
        post(urlEqualTo(NOTICES_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    final String id = processId();
    deploy(client, notify(id, "chatty"));

    final long instance = start(client, id, Map.of("request", "REQ0000042"));

    records.awaitCompleted(instance);
    HOOKS.verify(
        1,
        postRequestedFor(urlEqualTo(NOTICES_PATH))
            .withRequestBody(containing("REQ0000042"))
            .withRequestBody(
                matchingJsonPath(
                    "$.text",
                    equalTo(
                        "<@U0123ABCD> Approve REQ0000042\n"
                            + "Please decide on &lt;b&gt;REQ0000042&lt;/b&gt;"))));
    HOOKS.verify(1, postRequestedFor(urlEqualTo(NOTICES_PATH)));
  }

  @Test
  void nobodyIsMentionedForAPersonWithoutAChatHandle() {
    HOOKS.stubFor(
        post(urlEqualTo(NOTICES_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    final String id = processId();
    deploy(client, notify(id, "handless"));

    final long instance = start(client, id, Map.of("request", "REQ0000043"));

    records.awaitCompleted(instance);
    HOOKS.verify(0, postRequestedFor(urlEqualTo(NOTICES_PATH)));
  }

  @Test
  void onTeamsThePersonIsAnAtMentionEntityAndARetriedJobPostsNothingTwice() {
    HOOKS.stubFor(post(urlEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(202)));
    final ChatNotices teams =
        new ChatNotices(
            secrets,
            new DeliveryLog(database),
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)),
            "teams",
            "teams.notices");

    for (int attempt = 0; attempt < 2; attempt++) {
      teams.deliver(
          4711L, "someone@example.com", "Some One", "Approve REQ0000044", "Please decide");
    }

    HOOKS.verify(
        1,
        postRequestedFor(urlEqualTo(TEAMS_PATH))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.body[0].text",
                    equalTo("<at>Some One</at> Approve REQ0000044")))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.msteams.entities[0].mentioned.id",
                    equalTo("someone@example.com")))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.msteams.entities[0].text",
                    equalTo("<at>Some One</at>"))));
    HOOKS.verify(1, postRequestedFor(urlEqualTo(TEAMS_PATH)));
  }
}
