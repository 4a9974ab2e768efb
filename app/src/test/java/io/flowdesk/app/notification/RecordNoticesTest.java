package io.flowdesk.app.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.app.mail.LocalMailServer;
import io.flowdesk.app.mail.OutboxMail;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The records' notifications, sent after the change committed and received by the local mail
 * server: watchers read public comments and never work notes, a caller who watches gets one mail, a
 * preference switched off is honoured, assignments by someone else (record page, inbox bulk assign)
 * reach the assignee and self-assignment nobody, and a major-incident communication reaches every
 * caller of the parent and its children and every watcher once.
 */
@SpringBootTest(
    classes = FlowdeskApplication.class,
    // A real web port: the app's camunda client reaches the engine's /v2 there.
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "flowdesk.mail.local-server=true",
      "flowdesk.public-url=https://flowdesk.example.com",
      "flowdesk.notifications.cron=* * * * * ?"
    })
@DirtiesContext
class RecordNoticesTest {

  private static final String PASSWORD = "demo-flowdesk-2025";
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final String ANNA = "agent.anna@example.com";
  private static final String MARIA = "manager.maria@example.com";

  @DynamicPropertySource
  static void ownDatabase(final DynamicPropertyRegistry registry) throws IOException {
    final String url = SharedPostgres.newDatabase();
    registry.add("flowdesk.db.url", () -> url);
    final int port = ServerProcess.freePort();
    registry.add("server.port", () -> port);
  }

  @Autowired WebApplicationContext context;
  @Autowired LocalMailServer server;
  @Autowired NotificationOutbox outbox;
  @Autowired IncidentRecords incidents;
  @Autowired CamundaClient client;

  private MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void aWatcherReadsPublicCommentsNeverWorkNotesAndACallerWhoWatchesGetsOneMail() throws Exception {
    final String number = report("alice", "Projector flickers");
    final MockHttpSession anna = signIn("agent.anna");
    watch(anna, number, "manager.maria");
    watch(anna, number, "alice");

    comment("agent.anna", number, "INTERNAL the projector's admin PIN is 4711", true);
    comment("agent.anna", number, "We are sending a new cable.", false);
    settled();

    final List<OutboxMail> maria = mails(MARIA, number);
    assertThat(maria).hasSize(1);
    assertThat(maria.get(0).subject()).contains("New comment on " + number);
    assertThat(maria.get(0).text())
        .contains("Anna Agent commented on " + number)
        .contains("We are sending a new cable.")
        .contains("https://flowdesk.example.com/incidents/" + number)
        .doesNotContain("INTERNAL");
    assertThat(maria.get(0).html() == null ? "" : maria.get(0).html()).doesNotContain("INTERNAL");
    // The caller watches too: one mail, the caller's, linking the portal page.
    final List<OutboxMail> alice = mails(ALICE, "comment on " + number);
    assertThat(alice).hasSize(1);
    assertThat(alice.get(0).text())
        .contains("We are sending a new cable.")
        .contains("https://flowdesk.example.com/portal/requests/" + number)
        .doesNotContain("INTERNAL");
    // Never the author of the comment.
    assertThat(mails(ANNA, number)).isEmpty();
  }

  @Test
  void aWatcherWhoSwitchedOffWatchedRecordsMailsGetsNone() throws Exception {
    final String number = report("bob", "Scanner jams");
    final MockHttpSession maria = signIn("manager.maria");
    final MockHttpServletRequestBuilder preferences =
        post("/account/notifications").session(maria).with(csrf());
    for (final NotificationKind kind : NotificationKind.values()) {
      if (kind != NotificationKind.WATCHED_RECORDS) {
        preferences.param("choice", kind.name() + ":" + NotificationChannel.EMAIL.name());
      }
    }
    mvc.perform(preferences).andExpect(status().is3xxRedirection());
    watch(signIn("agent.anna"), number, "manager.maria");

    comment("agent.anna", number, "Cleaned the rollers.", false);
    settled();

    assertThat(mails(BOB, "New comment on " + number)).hasSize(1);
    assertThat(mails(MARIA, number)).isEmpty();
  }

  @Test
  void anAssignmentBySomeoneElseReachesTheAssigneeAndTakingItYourselfNobody() throws Exception {
    final String mine = report("alice", "Keyboard sticky");
    final String theirs = report("bob", "Mouse dead");
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + mine + "/assignee")
                .param("assignee", "agent.anna")
                .session(anna)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    mvc.perform(
            post("/incidents/" + theirs + "/assignee")
                .param("assignee", "manager.maria")
                .session(anna)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    settled();

    final List<OutboxMail> maria = mails(MARIA, theirs);
    assertThat(maria).hasSize(1);
    assertThat(maria.get(0).subject()).contains("Assigned to you: " + theirs + " Mouse dead");
    assertThat(maria.get(0).text()).contains("Anna Agent assigned " + theirs);
    assertThat(mails(ANNA, mine)).isEmpty();
    assertThat(mails(ANNA, theirs)).isEmpty();
  }

  @Test
  void aBulkAssignmentInTheInboxMailsTheAssigneeOncePerRecord() throws Exception {
    final String first = report("alice", "Monitor blank");
    final String second = report("bob", "Dock not charging");
    final long firstTask = openTask(first);
    final long secondTask = openTask(second);

    mvc.perform(
            post("/inbox/assignments")
                .param("task", String.valueOf(firstTask), String.valueOf(secondTask))
                .param("assignee", "manager.maria")
                .session(signIn("agent.anna"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    settled();

    assertThat(mails(MARIA, first)).hasSize(1);
    assertThat(mails(MARIA, second)).hasSize(1);
    assertThat(mails(MARIA, first).get(0).subject()).contains("Assigned to you: " + first);
  }

  @Test
  void aMajorIncidentCommunicationReachesEveryCallerAndWatcherOnce() throws Exception {
    final String parent = report("alice", "Mail down on floor 2");
    final String bobs = report("bob", "Cannot send mail");
    final String alices = report("alice", "Outlook offline");
    final MockHttpSession anna = signIn("agent.anna");
    workspace(anna, parent, "major", "majorReason", "Mail down for a whole floor");
    workspace(anna, parent, "children", "child", bobs);
    workspace(anna, parent, "children", "child", alices);
    watch(anna, parent, "manager.maria");
    watch(anna, bobs, "manager.maria");
    settled();
    server.clear();

    workspace(anna, parent, "communication", "communication", "Mail is back at 14:00.");
    settled();

    for (final String address : List.of(ALICE, BOB, MARIA)) {
      final List<OutboxMail> received =
          server.received().stream()
              .filter(m -> m.to().contains(address) && m.text().contains("Mail is back"))
              .toList();
      assertThat(received).as(address).hasSize(1);
      assertThat(received.get(0).subject()).contains("Major incident ");
      assertThat(received.get(0).text()).contains("from Anna Agent");
      assertThat(mails(address, "New comment on")).as(address).isEmpty();
    }
    // A child's caller reads it on their own incident.
    assertThat(mails(BOB, "Major incident " + bobs).get(0).text())
        .contains("https://flowdesk.example.com/portal/requests/" + bobs);
    for (final String number : List.of(parent, bobs, alices)) {
      assertThat(mails(ANNA, number)).isEmpty();
    }
  }

  private void workspace(
      final MockHttpSession session,
      final String number,
      final String action,
      final String field,
      final String value)
      throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/incidents/" + number + "/" + action)
                    .param(field, value)
                    .session(session)
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getFlashMap().get("problem")).as(action).isNull();
  }

  private void watch(final MockHttpSession agent, final String number, final String who)
      throws Exception {
    workspace(agent, number, "watchers", "watcher", who);
  }

  /** Every notice written so far has been sent (or found nobody). */
  private void settled() {
    await("the notification outbox drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> outbox.pending() == 0);
  }

  private List<OutboxMail> mails(final String address, final String subject) {
    return server.received().stream()
        .filter(m -> m.to().contains(address) && m.subject().contains(subject))
        .toList();
  }

  private long openTask(final String number) {
    final long instance = incidents.findByNumber(number).orElseThrow().processInstanceKey();
    return await("the resolve task of " + number)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(instance))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .map(UserTask::getUserTaskKey)
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private String report(final String caller, final String title) throws Exception {
    final String reported =
        mvc.perform(
                post("/api/incidents")
                    .with(httpBasic(caller, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"shortDescription\": \""
                            + title
                            + "\", \"impact\": \"LOW\", \"urgency\": \"LOW\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final String number = reported.replaceAll("(?s).*\"number\"\\s*:\\s*\"(INC[0-9]+)\".*", "$1");
    // anna's group has the incident once its process has routed it, a moment after the report.
    await("service-desk has " + number)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "service-desk"
                    .equals(incidents.findByNumber(number).orElseThrow().assignmentGroup()));
    return number;
  }

  private void comment(
      final String author, final String number, final String text, final boolean internal)
      throws Exception {
    mvc.perform(
            post("/api/incidents/" + number + "/comments")
                .with(httpBasic(author, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"" + text + "\", \"internal\": " + internal + "}"))
        .andExpect(status().isCreated());
  }

  private MockHttpSession signIn(final String username) throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/login").param("username", username).param("password", PASSWORD).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("/login");
    return (MockHttpSession) result.getRequest().getSession(false);
  }
}
