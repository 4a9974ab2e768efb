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
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.request.RequestItems;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * reach the assignee and self-assignment nobody, a major-incident communication reaches every
 * caller of the parent and its children and every watcher once, and the requester of a request, a
 * change or a problem reads others' public comments (never work notes, never their own) and the
 * moves others make, with the page they open.
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

  private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z]{3}\\d{7})\"");

  private static final String CHANGE =
      """
      {"type": "normal", "summary": "Replace the second-floor access switch",
       "assignmentGroup": "service-desk", "plannedStart": "%sT20:00Z", "plannedEnd": "%sT22:00Z",
       "description": "The switch drops its uplink when the printers wake from sleep.",
       "implementationPlan": "Rack the new switch, move the uplink, then the printers.",
       "backoutPlan": "Move the cables back to the old switch."}
      """
          .formatted(
              LocalDate.now(ZoneOffset.UTC).plusDays(3), LocalDate.now(ZoneOffset.UTC).plusDays(3));

  private static final String PROBLEM =
      """
      {"summary": "Second-floor printers drop off the network",
       "assignmentGroup": "problem-management", "priority": "P3"}
      """;

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
  @Autowired ServiceCatalog catalog;
  @Autowired RequestRecords requests;

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

  @Test
  void aRequesterReadsOthersPublicCommentsNeverWorkNotesNorTheirOwn() throws Exception {
    final String number = order("alice", RequestItems.deploy(client, catalog, Map.of()), null);
    final MockHttpSession anna = signIn("agent.anna");

    journal(anna, "/requests/" + number, "work-note", "INTERNAL the vendor discount code is 4711");
    mvc.perform(
            post("/requests/" + number + "/journal")
                .param("kind", "comment")
                .param("text", "Posted without the CSRF token")
                .session(anna))
        .andExpect(status().isForbidden());
    journal(anna, "/requests/" + number, "comment", "Your laptop ships on Tuesday.");
    mvc.perform(
            post("/portal/requests/" + number + "/comments")
                .param("text", "Thanks, Tuesday is fine.")
                .session(signIn("alice"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    settled();

    final List<OutboxMail> alice = mails(ALICE, "New comment on " + number);
    assertThat(alice).hasSize(1);
    assertThat(alice.get(0).text())
        .contains("Anna Agent commented on your request " + number)
        .contains("Your laptop ships on Tuesday.")
        .contains("https://flowdesk.example.com/portal/requests/" + number)
        .doesNotContain("INTERNAL")
        .doesNotContain("Tuesday is fine");
    assertThat(alice.get(0).html() == null ? "" : alice.get(0).html()).doesNotContain("INTERNAL");
    assertThat(about(number))
        .noneMatch(m -> m.text().contains("INTERNAL") || m.text().contains("without the CSRF"));
    assertThat(mails(ANNA, number)).isEmpty();
  }

  @Test
  void aRequesterHearsOfMovesByOthersNeitherOfTheirOwnNorTwiceOfAFulfilment() throws Exception {
    final String item = RequestItems.deploy(client, catalog, Map.of());
    final String canceledByAnna = order("alice", item, null);
    final String canceledByAlice = order("alice", item, null);
    final String annasForBob = order("agent.anna", item, "bob");

    cancel(signIn("agent.anna"), canceledByAnna);
    cancel(signIn("alice"), canceledByAlice);
    // What the request-stage worker does when a process fulfils it: the move and its comment. The
    // worker mails the requester itself (request-fulfilled), so only the person it is for hears of
    // it from here, once: of the move, the comment going with it.
    requests.moveTo(
        requests.findByNumber(annasForBob).orElseThrow().id(),
        RequestState.FULFILLED,
        "Delivered to your desk.",
        Actor.job(4242L));
    settled();

    final List<OutboxMail> canceled = mails(ALICE, canceledByAnna + " moved to");
    assertThat(canceled).hasSize(1);
    assertThat(canceled.get(0).subject()).contains(canceledByAnna + " moved to canceled");
    assertThat(canceled.get(0).text())
        .contains("Anna Agent moved your request " + canceledByAnna)
        .contains("from submitted to canceled")
        .contains("https://flowdesk.example.com/portal/requests/" + canceledByAnna);
    assertThat(mails(ALICE, canceledByAlice)).isEmpty();
    final List<OutboxMail> fulfilled = mails(BOB, annasForBob + " moved to fulfilled");
    assertThat(fulfilled).hasSize(1);
    assertThat(fulfilled.get(0).text())
        .contains("Flowdesk moved your request " + annasForBob)
        .contains("https://flowdesk.example.com/portal/requests/" + annasForBob);
    assertThat(mails(BOB, "New comment on " + annasForBob)).isEmpty();
    assertThat(mails(ANNA, annasForBob)).isEmpty();
  }

  @Test
  void aChangesRequesterAndAProblemsRaiserHearOfOthersCommentsAndOfMovesWithTheAgentsPage()
      throws Exception {
    final String change = raised("/api/changes", "agent.anna", CHANGE);
    final String problem = raised("/api/problems", "manager.maria", PROBLEM);
    final MockHttpSession anna = signIn("agent.anna");
    final MockHttpSession maria = signIn("manager.maria");

    journal(maria, "/changes/" + change, "work-note", "INTERNAL the switch password is hunter2");
    journal(maria, "/changes/" + change, "comment", "The CAB meets on Thursday.");
    journal(anna, "/changes/" + change, "comment", "Thursday works for me.");
    journal(anna, "/problems/" + problem, "work-note", "INTERNAL I suspect the firmware");
    journal(anna, "/problems/" + problem, "comment", "Three more printers dropped off today.");
    journal(maria, "/problems/" + problem, "comment", "Noted, we are analysing it.");
    settled();

    final List<OutboxMail> annas = mails(ANNA, "New comment on " + change);
    assertThat(annas).hasSize(1);
    assertThat(annas.get(0).text())
        .contains("Maria Manager commented on your change " + change)
        .contains("The CAB meets on Thursday.")
        .contains("https://flowdesk.example.com/changes/" + change)
        .doesNotContain("INTERNAL");
    final List<OutboxMail> marias = mails(MARIA, "New comment on " + problem);
    assertThat(marias).hasSize(1);
    assertThat(marias.get(0).text())
        .contains("Anna Agent commented on your problem " + problem)
        .contains("Three more printers dropped off today.")
        .contains("https://flowdesk.example.com/problems/" + problem)
        .doesNotContain("INTERNAL");
    assertThat(mails(MARIA, "New comment on " + change)).isEmpty();
    assertThat(mails(ANNA, "New comment on " + problem)).isEmpty();
    // Their models move them on at once: the requesters hear of it, with the agents' page.
    await("the models' first moves mailed")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(mails(ANNA, change + " moved to assess")).hasSize(1);
              assertThat(mails(MARIA, problem + " moved to assess")).hasSize(1);
            });
    assertThat(mails(ANNA, change + " moved to assess").get(0).text())
        .contains("Flowdesk moved your change " + change)
        .contains("from new to assess")
        .contains("https://flowdesk.example.com/changes/" + change);
    assertThat(mails(MARIA, problem + " moved to assess").get(0).text())
        .contains("https://flowdesk.example.com/problems/" + problem);
    assertThat(about(change)).noneMatch(m -> m.text().contains("INTERNAL"));
    assertThat(about(problem)).noneMatch(m -> m.text().contains("INTERNAL"));
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

  /** Every mail whose subject names {@code number}, to anyone. */
  private List<OutboxMail> about(final String number) {
    return server.received().stream().filter(m -> m.subject().contains(number)).toList();
  }

  /** An agent's journal form on a record page, with the session's CSRF token. */
  private void journal(
      final MockHttpSession session, final String page, final String kind, final String text)
      throws Exception {
    final MvcResult result =
        mvc.perform(
                post(page + "/journal")
                    .param("kind", kind)
                    .param("text", text)
                    .session(session)
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getFlashMap().get("problem")).as(page + " " + kind).isNull();
  }

  /** Orders {@code item} over the API as {@code requester} (for {@code requestedFor}, or them). */
  private String order(final String requester, final String item, final String requestedFor)
      throws Exception {
    final String body =
        "{\"item\": \"%s\", %s\"variables\": {\"model\": \"14 inch\"}}"
            .formatted(
                item, requestedFor == null ? "" : "\"requestedFor\": \"" + requestedFor + "\", ");
    return raised("/api/requests", requester, body);
  }

  private void cancel(final MockHttpSession session, final String number) throws Exception {
    final MvcResult result =
        mvc.perform(
                post("/portal/requests/" + number + "/cancellation").session(session).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    assertThat(result.getFlashMap().get("problem")).as("cancel " + number).isNull();
  }

  /** POSTs {@code json} to {@code path} as {@code username}; the new record's number. */
  private String raised(final String path, final String username, final String json)
      throws Exception {
    return number(
        mvc.perform(
                post(path)
                    .with(httpBasic(username, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private static String number(final String created) {
    final Matcher number = NUMBER.matcher(created);
    assertThat(number.find()).as(created).isTrue();
    return number.group(1);
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
