package io.flowdesk.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.approval.ApprovalDesk;
import io.flowdesk.app.mail.LocalMailServer;
import io.flowdesk.app.mail.OutboxMail;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailWatermark;
import io.flowdesk.connectors.mail.PollReport;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.Attachment;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalEntry;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.mailbox.InboundMailEntry;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailbox;
import io.flowdesk.domain.mailbox.Mailbox.UnknownSenders;
import io.flowdesk.domain.mailbox.MailboxDraft;
import io.flowdesk.domain.mailbox.Mailboxes;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.SharedPostgres;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Email-to-ticket against the real local mail server (GreenMail): mails go in by SMTP to {@value
 * LocalMailServer#SERVICE_DESK}, the out-of-the-box mailbox reads them over IMAP, and what they
 * became is read from the records.
 */
@TestPropertySource(
    properties = {
      "flowdesk.mail.local-server=true",
      // The tests read the mailbox themselves; the schedule must not race them.
      "flowdesk.mailboxes.poll-cron=0 0 0 1 1 ? 2099",
      "flowdesk.mailboxes.mails-per-sender-per-hour=3",
      "flowdesk.mailboxes.max-attachment-bytes=1000",
      // Failed process starts are tried again every second, as soon as they are due.
      "flowdesk.mailboxes.pending-start-cron=* * * * * ?",
      "flowdesk.mailboxes.start-max-back-off=PT1S"
    })
// No other test shares this configuration: close its engine and mail server right after it.
@DirtiesContext
class MailToTicketTest extends WebTestSupport {

  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static final Pattern CODE = Pattern.compile("FDA-[0-9]+-[0-9a-f]+");

  // A database of its own: the engines of other cached test contexts share the default one.
  @DynamicPropertySource
  static void ownDatabase(final DynamicPropertyRegistry registry) {
    final String url = SharedPostgres.newDatabase();
    registry.add("flowdesk.db.url", () -> url);
  }

  @Autowired LocalMailServer server;
  @Autowired MailboxPolling polling;
  @Autowired Mailboxes mailboxes;
  @Autowired InboundMails inboundMails;
  @Autowired IncidentRecords incidents;
  @Autowired Directory directory;
  @Autowired MailSender sender;
  @Autowired SecretStore secrets;
  @Autowired CamundaClient client;
  @Autowired DataSource dataSource;
  @Autowired ApprovalDesk desk;
  @Autowired Approvals approvals;

  @Value("${flowdesk.mailboxes.max-mails-per-poll:50}")
  int maxMailsPerPoll;

  private Session smtp;

  @BeforeEach
  void freshMailbox() {
    deployCallerWaitingStandIn(client);
    server.clear();
    policy(UnknownSenders.REPLY_WITH_INSTRUCTIONS);
    final Properties properties = new Properties();
    properties.put("mail.smtp.host", server.host());
    properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
    smtp = Session.getInstance(properties);
  }

  @Test
  void aNewMailFromAKnownPersonOpensAnIncidentWithThemAsCaller() throws Exception {
    final String alice = person();
    final String id = deliver(mail(alice, "Printer on fire", "The 3rd floor printer smokes.", ""));

    poll();

    final Incident incident = incidentOf(id);
    assertThat(incident.caller()).isEqualTo(username(alice));
    assertThat(incident.shortDescription()).isEqualTo("Printer on fire");
    assertThat(incident.description()).isEqualTo("The 3rd floor printer smokes.");
    assertThat(incident.processInstanceKey()).isNotNull();
    assertThat(instancesOf(incident)).containsExactly(incident.processInstanceKey());
    assertThat(inboundMails.find(id).orElseThrow().pending()).isFalse();
    assertThat(folderSize("INBOX")).isZero();
    assertThat(folderSize(LocalMailServer.PROCESSED_FOLDER)).isEqualTo(1);
  }

  @Test
  void htmlMailIsStoredAsTextWithoutItsScripts() throws Exception {
    final String alice = person();
    final String id =
        deliver(
            raw(
                alice,
                "VPN down",
                "Content-Type: text/html; charset=UTF-8\r\n",
                "<html><body><script>alert('x')</script><p>The VPN refuses me.</p></body></html>"));

    poll();

    assertThat(incidentOf(id).description())
        .contains("The VPN refuses me.")
        .doesNotContain("alert");
  }

  @Test
  void aReplyToOurMailBecomesTheCallersCommentOnThatIncident() throws Exception {
    final String alice = person();
    final Incident incident = incidentOf(deliver(mail(alice, "Laptop slow", "Very slow.", "")));
    final String ours = new MailWatermark(sender.messageIdDomain()).newMessageId(incident.number());

    final String reply =
        deliver(mail(alice, "Re: your incident", "Still slow after the restart.", inReplyTo(ours)));
    poll();

    assertThat(inboundMails.find(reply).orElseThrow().recordNumber()).isEqualTo(incident.number());
    assertThat(comments(incident))
        .extracting(JournalEntry::author, JournalEntry::text, JournalEntry::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                username(alice), "Still slow after the restart.", JournalKind.COMMENT));
  }

  @Test
  void aReplyWithOnlyTheSubjectTagIsThreadedByTheTag() throws Exception {
    final String alice = person();
    final Incident incident = incidentOf(deliver(mail(alice, "Mouse broken", "Dead.", "")));

    deliver(mail(alice, "Re: [" + incident.number() + "] Mouse broken", "Any news?", ""));
    poll();

    assertThat(comments(incident)).extracting(JournalEntry::text).containsExactly("Any news?");
  }

  @Test
  void aForgedInReplyToFromSomebodyElseIsNotThreadedButANewMail() throws Exception {
    final String alice = person();
    final String mallory = person();
    final Incident incident = incidentOf(deliver(mail(alice, "Payroll access", "Need it.", "")));
    final String ours = new MailWatermark(sender.messageIdDomain()).newMessageId(incident.number());

    final String forged =
        deliver(
            mail(
                mallory,
                "Re: [" + incident.number() + "] Payroll access",
                "Please also send me the payroll file.",
                inReplyTo(ours)));
    poll();

    assertThat(comments(incident)).isEmpty();
    final Incident opened = incidentOf(forged);
    assertThat(opened.number()).isNotEqualTo(incident.number());
    assertThat(opened.caller()).isEqualTo(username(mallory));
  }

  @Test
  void autoRepliesBouncesAndBulkMailNeverBecomeTicketsNorGetAnswered() throws Exception {
    final String alice = person();
    final String outOfOffice =
        deliver(mail(alice, "Out of office", "Back Monday.", "Auto-Submitted: auto-replied\r\n"));
    final String bulk = deliver(mail(alice, "Newsletter", "News.", "Precedence: bulk\r\n"));
    final String suppressed =
        deliver(mail(alice, "Auto", "Away.", "X-Auto-Response-Suppress: All\r\n"));
    final String bounce =
        deliver(mail("mailer-daemon@example.com", "Undeliverable", "No such user.", ""));

    poll();

    assertThat(List.of(outOfOffice, bulk, suppressed, bounce))
        .map(id -> inboundMails.find(id).orElseThrow())
        .extracting(InboundMailEntry::outcome, InboundMailEntry::recordNumber)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("AUTO_REPLY", null),
            org.assertj.core.groups.Tuple.tuple("AUTO_REPLY", null),
            org.assertj.core.groups.Tuple.tuple("AUTO_REPLY", null),
            org.assertj.core.groups.Tuple.tuple("BOUNCE", null));
    assertThat(answersTo(alice)).isEmpty();
    assertThat(answersTo("mailer-daemon@example.com")).isEmpty();
  }

  @Test
  void ourOwnMailComingBackIsNotATicket() throws Exception {
    final String id = deliver(mail(sender.fromAddress(), "Your incident", "Resolved.", ""));

    poll();

    assertThat(inboundMails.find(id).orElseThrow().outcome()).isEqualTo("OWN_MAIL");
  }

  @Test
  void aCrashBetweenFetchAndStoreLosesNothingAndDuplicatesNothing() throws Exception {
    final String alice = person();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    // The store fails once, as a crash there would: the incident is written in the same
    // transaction, so nothing of the mail is kept and it stays in the mailbox.
    jdbc.sql(
            """
            CREATE FUNCTION domain.crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
            CREATE TRIGGER crash_once BEFORE INSERT ON domain.inbound_mail
              FOR EACH ROW EXECUTE FUNCTION domain.crash_once();
            """)
        .update();
    final String id = deliver(mail(alice, "Disk full", "C: is full.", ""));
    final long before = countIncidents();
    try {
      polling.poll(mailbox());
    } finally {
      jdbc.sql("DROP TRIGGER crash_once ON domain.inbound_mail; DROP FUNCTION domain.crash_once()")
          .update();
    }
    assertThat(countIncidents()).isEqualTo(before);
    assertThat(inboundMails.find(id)).isEmpty();
    assertThat(folderSize("INBOX")).isEqualTo(1);

    poll();
    poll();

    assertThat(countIncidents()).isEqualTo(before + 1);
    assertThat(incidentOf(id).caller()).isEqualTo(username(alice));
    assertThat(folderSize("INBOX")).isZero();
  }

  @Test
  void aPollThatReadsMailPollsAgainAtOnceSoAFullBatchDoesNotWaitForTheNextRun() throws Exception {
    // One sender: past the rate limit the mails are recorded RATE_LIMITED, read all the same.
    final String alice = person();
    final int mails = maxMailsPerPoll + 5;
    for (int i = 0; i < mails; i++) {
      deliver(mail(alice, "Backlog " + i, "Mail " + i + ".", ""));
    }

    final PollReport report = polling.poll(mailbox()).orElseThrow();

    assertThat(report.messages()).isEqualTo(mails);
    assertThat(folderSize("INBOX")).isZero();
    assertThat(folderSize(LocalMailServer.PROCESSED_FOLDER)).isEqualTo(mails);
  }

  @Test
  void thePollDoesNotWaitForTheEngineAndTheProcessesStartLaterExactlyOnce() throws Exception {
    final String alice = person();
    final String first = deliver(mail(alice, "Monitor flickers", "Every few seconds.", ""));
    final String second = deliver(mail(alice, "Keyboard sticky", "Coffee.", ""));
    // The engine stands still: no process instance can be created (nor searched) while this
    // transaction holds its instance table.
    try (Connection engineStopped = dataSource.getConnection()) {
      engineStopped.setAutoCommit(false);
      try (Statement lock = engineStopped.createStatement()) {
        lock.execute("LOCK TABLE engine.process_instance IN ACCESS EXCLUSIVE MODE");
      }
      try {
        assertTimeoutPreemptively(Duration.ofMinutes(2), this::poll);

        // Both records are committed and the mails moved, though no process could start.
        for (final String id : List.of(first, second)) {
          final InboundMailEntry entry = inboundMails.find(id).orElseThrow();
          assertThat(entry.outcome()).isEqualTo("CREATED");
          assertThat(entry.pending()).isTrue();
          final Incident incident = incidents.findByNumber(entry.recordNumber()).orElseThrow();
          assertThat(incident.state()).isEqualTo(IncidentState.NEW);
          assertThat(incident.processInstanceKey()).isNull();
        }
        assertThat(folderSize("INBOX")).isZero();
      } finally {
        engineStopped.rollback();
      }
    }

    // The engine is back: each incident gets its process, once.
    for (final String id : List.of(first, second)) {
      final Incident incident = startedIncidentOf(id);
      assertThat(incident.state()).isNotEqualTo(IncidentState.CANCELED);
      assertThat(instancesOf(incident)).containsExactly(incident.processInstanceKey());
    }
  }

  @Test
  void aCrashBetweenTheProcessStartAndStoringItsKeyEndsWithExactlyOneInstance() throws Exception {
    final String alice = person();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    // Storing the process instance key fails, as a crash right after the engine's answer would:
    // the instance exists, the record does not know it, the mail stays pending.
    jdbc.sql(
            """
            CREATE FUNCTION domain.crash_on_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.process_instance_key IS NOT NULL THEN
                RAISE EXCEPTION 'simulated crash';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER crash_on_key BEFORE UPDATE ON domain.incident
              FOR EACH ROW EXECUTE FUNCTION domain.crash_on_key();
            """)
        .update();
    final String id;
    final Incident unstarted;
    try {
      id = deliver(mail(alice, "Scanner jams", "Every page.", ""));
      poll();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> inboundMails.find(id).orElseThrow().startError() != null);
      unstarted = incidents.findByNumber(inboundMails.find(id).orElseThrow().recordNumber()).get();
      assertThat(unstarted.processInstanceKey()).isNull();
      assertThat(instancesOf(unstarted)).hasSize(1);
    } finally {
      jdbc.sql("DROP TRIGGER crash_on_key ON domain.incident; DROP FUNCTION domain.crash_on_key()")
          .update();
    }

    final Incident started = startedIncidentOf(id);
    assertThat(started.id()).isEqualTo(unstarted.id());
    assertThat(instancesOf(started)).containsExactly(started.processInstanceKey());
    assertThat(inboundMails.find(id).orElseThrow().startError()).isNull();
  }

  @Test
  void theSameMailDeliveredTwiceOpensOneIncident() throws Exception {
    final String alice = person();
    final String raw = mail(alice, "Phone dead", "No dial tone.", "");
    final long before = countIncidents();
    deliver(raw);
    poll();
    final String id = deliver(raw);
    poll();

    assertThat(countIncidents()).isEqualTo(before + 1);
    assertThat(incidentOf(id).shortDescription()).isEqualTo("Phone dead");
  }

  @Test
  void unknownSendersAreIgnoredWhenTheMailboxSaysSo() throws Exception {
    policy(UnknownSenders.IGNORE);
    final String stranger = "stranger-" + UUID.randomUUID() + "@elsewhere.example";

    final String id = deliver(mail(stranger, "Hello", "Help me.", ""));
    poll();

    final InboundMailEntry entry = inboundMails.find(id).orElseThrow();
    assertThat(entry.outcome()).isEqualTo("UNKNOWN_SENDER");
    assertThat(entry.recordNumber()).isNull();
    assertThat(answersTo(stranger)).isEmpty();
  }

  @Test
  void unknownSendersAreAnsweredWithInstructionsOnce() throws Exception {
    final String stranger = "stranger-" + UUID.randomUUID() + "@elsewhere.example";

    final String id = deliver(mail(stranger, "Hello", "Help me.", ""));
    poll();
    poll();

    assertThat(inboundMails.find(id).orElseThrow().recordNumber()).isNull();
    assertThat(answersTo(stranger))
        .singleElement()
        .satisfies(
            answer -> {
              assertThat(answer.text()).contains("is not the address of anybody Flowdesk knows");
              assertThat(answer.text()).contains("/portal");
            });
  }

  @Test
  void unknownSendersBecomeGuestsWhoseRepliesAreThreaded() throws Exception {
    policy(UnknownSenders.CREATE_AS_GUEST);
    final String stranger = "stranger-" + UUID.randomUUID() + "@elsewhere.example";

    final Incident incident = incidentOf(deliver(mail(stranger, "Badge lost", "Lost it.", "")));
    deliver(mail(stranger, "Re: [" + incident.number() + "] Badge lost", "Found it!", ""));
    poll();

    assertThat(incident.caller()).startsWith("guest.");
    assertThat(directory.person(incident.caller()).orElseThrow().enabled()).isFalse();
    assertThat(comments(incident)).extracting(JournalEntry::text).containsExactly("Found it!");
  }

  @Test
  void aReplyToAResolvedIncidentFromItsCallerReopensIt() throws Exception {
    final String alice = person();
    final Incident incident = incidentOf(deliver(mail(alice, "Wifi", "No wifi.", "")));
    incidents.change(
        incident.id(),
        IncidentChange.of().state(IncidentState.RESOLVED),
        ChangeSource.person("agent.anna"));

    final String reply =
        deliver(mail(alice, "Re: [" + incident.number() + "] Wifi", "Not fixed, still down.", ""));
    poll();

    assertThat(inboundMails.find(reply).orElseThrow().outcome()).isEqualTo("REOPENED");
    assertThat(comments(incident))
        .extracting(JournalEntry::text)
        .containsExactly("Reopened: Not fixed, still down.");
  }

  @Test
  void attachmentsAreStoredAndOnesOverTheLimitDroppedWithANote() throws Exception {
    final String alice = person();
    final String boundary = "b-" + UUID.randomUUID();
    final String id =
        deliver(
            raw(
                alice,
                "Screenshots",
                "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n",
                "--"
                    + boundary
                    + "\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                    + attachmentPart(boundary, "small.txt", 100)
                    + attachmentPart(boundary, "huge.bin", 5_000)
                    + "--"
                    + boundary
                    + "--\r\n"));

    poll();

    final Incident incident = incidentOf(id);
    assertThat(incidents.attachments(incident.id()))
        .extracting(Attachment::fileName)
        .containsExactly("small.txt");
    assertThat(comments(incident))
        .extracting(JournalEntry::text)
        .singleElement()
        .asString()
        .contains("huge.bin (5000 bytes)");
  }

  @Test
  void anUnreadableMailIsSetAsideWithItsReasonWhileTheOthersGoOn() throws Exception {
    final String alice = person();
    final String broken =
        deliver(
            raw(
                alice,
                "Broken structure",
                "Content-Type: multipart/mixed\r\n",
                "no boundary anywhere\r\n"));
    final String good = deliver(mail(alice, "Keyboard", "Keys stick.", ""));

    poll();
    poll();

    assertThat(incidentOf(good).shortDescription()).isEqualTo("Keyboard");
    assertThat(inboundMails.find(broken)).isEmpty();
    assertThat(inboundMails.failures(mailbox().id(), 10))
        .singleElement()
        .satisfies(f -> assertThat(f.messageId()).isEqualTo(broken));
    final MockHttpSession admin = signIn("admin");
    final Document page = html(get("/admin/mailboxes").session(admin));
    assertThat(page.select("[data-mailbox=servicedesk] .fd-mailbox-failures").text())
        .contains("Broken structure");
  }

  @Test
  void aSenderOverTheRateLimitIsIgnoredAndLogged() throws Exception {
    final String alice = person();
    final long before = countIncidents();
    for (int i = 1; i <= 4; i++) {
      deliver(mail(alice, "Mail " + i, "Body " + i, ""));
    }

    poll();

    assertThat(countIncidents()).isEqualTo(before + 3);
    assertThat(inboundMails.recent(mailbox().id(), 4))
        .extracting(InboundMailEntry::outcome)
        .containsOnlyOnce("RATE_LIMITED");
  }

  @Test
  void onlyAdminsSeeTheMailboxesPage() throws Exception {
    mvc.perform(get("/admin/mailboxes").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/mailboxes/" + mailbox().id() + "/poll")
                .session(signIn("alice"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/mailboxes").session(signIn("admin"))).andExpect(status().isOk());
  }

  @Test
  void anAdminSavesAMailboxWithItsPasswordAsASecretAndOnlyWithTheCsrfToken() throws Exception {
    final MockHttpSession admin = signIn("admin");
    mvc.perform(post("/admin/mailboxes").session(admin).param("name", "sales"))
        .andExpect(status().isForbidden());
    assertThat(mailboxes.findByName("sales")).isEmpty();

    mvc.perform(
            post("/admin/mailboxes")
                .session(admin)
                .with(csrf())
                .param("name", "sales")
                .param("address", "sales@example.com")
                .param("host", "imap.example.com")
                .param("port", "993")
                .param("security", "TLS")
                .param("username", "sales")
                .param("password", "imap-password-1")
                .param("folder", "INBOX")
                .param("processedFolder", "Done")
                .param("kind", "INCIDENT")
                .param("unknownSenders", "IGNORE")
                .param("enabled", "true"))
        .andExpect(status().is3xxRedirection());

    final Mailbox sales = mailboxes.findByName("sales").orElseThrow();
    assertThat(sales.passwordSecret()).isEqualTo("mailbox.sales");
    assertThat(sales.enabled()).isTrue();
    assertThat(sales.reopenOnReply()).isFalse();
    assertThat(
            new String(
                secrets.resolve(
                    "mailbox.sales", "email", java.net.URI.create("imap://imap.example.com:993"))))
        .isEqualTo("imap-password-1");
    final String shown =
        mvc.perform(get("/admin/mailboxes").session(admin))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(shown).contains("sales@example.com").doesNotContain("imap-password-1");
    mailboxes.delete(sales.id());
  }

  @Test
  void aBadMailboxIsRefusedNamingTheProblem() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final Document page =
        html(
            post("/admin/mailboxes")
                .session(admin)
                .with(csrf())
                .param("name", "broken")
                .param("address", "not-an-address")
                .param("host", "imap.example.com")
                .param("port", "993")
                .param("username", "x"));

    assertThat(page.select("#error").text()).contains("address 'not-an-address'");
    assertThat(mailboxes.findByName("broken")).isEmpty();
  }

  @Test
  void anApproverDecidesByAnsweringTheApprovalMailButNobodyElseAndNotTwice() throws Exception {
    final String subject = "Mail approval " + UUID.randomUUID();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("mail-approval-test")
                .startEvent()
                .callActivity(
                    "approve",
                    c ->
                        c.zeebeProcessId("flowdesk-approval")
                            .zeebePropagateAllParentVariables(false)
                            .zeebePropagateAllChildVariables(false)
                            .zeebeInputExpression("approvers", "approvers")
                            .zeebeInputExpression("\"any\"", "mode")
                            .zeebeInputExpression("subject", "subject")
                            .zeebeInputExpression("\"alice\"", "requester")
                            .zeebeInputExpression("\"alice\"", "requestedFor")
                            .zeebeOutputExpression("approval", "approval"))
                .endEvent()
                .done(),
            "mail-approval-test.bpmn")
        .send()
        .join();
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("mail-approval-test")
        .latestVersion()
        .variables(Map.of("approvers", List.of("manager.maria"), "subject", subject))
        .send()
        .join();
    final String maria = "manager.maria@example.com";
    final String code =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    answersTo(maria).stream()
                        .filter(m -> m.subject().contains(subject))
                        .map(m -> CODE.matcher(m.text()))
                        .filter(Matcher::find)
                        .map(Matcher::group)
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    final long approvalId = Long.parseLong(code.split("-")[1]);
    final Viewer mariaViewer = new Viewer("manager.maria", "Maria", Set.of(Role.MANAGER), Set.of());
    await().atMost(Duration.ofSeconds(60)).until(() -> !desk.open(mariaViewer).isEmpty());
    final String answer = "approve Fine by me.\r\n\r\n> Reply code: " + code + "\r\n";

    // From the approver's address but with a code nobody issued: a spoofed sender.
    final String forged =
        deliver(
            mail(
                maria,
                "Re: Approval needed",
                answer.replace(code, "FDA-" + approvalId + "-" + "0".repeat(24)),
                ""));
    final String byBob = deliver(mail(person(), "Re: Approval needed", answer, ""));
    final String byMaria = deliver(mail(maria, "Re: Approval needed", answer, ""));
    poll();
    final String replay = deliver(mail(maria, "Re: Approval needed", answer, ""));
    poll();

    assertThat(List.of(forged, byBob, byMaria, replay))
        .map(id -> inboundMails.find(id).orElseThrow().outcome())
        .containsExactly(
            "APPROVAL_REFUSED", "APPROVAL_REFUSED", "APPROVAL_DECIDED", "APPROVAL_REFUSED");
    assertThat(approvals.find(approvalId).orElseThrow().decisions())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.actor()).isEqualTo("manager.maria");
              assertThat(step.action()).isEqualTo(ApprovalAction.APPROVED);
              assertThat(step.comment()).isEqualTo("Fine by me.");
            });
  }

  // --- helpers

  private void poll() {
    assertThat(polling.poll(mailbox())).isPresent();
  }

  private Mailbox mailbox() {
    return mailboxes.findByName("servicedesk").orElseThrow();
  }

  private void policy(final UnknownSenders policy) {
    final Mailbox m = mailbox();
    mailboxes.save(
        new MailboxDraft(
            m.name(),
            m.address(),
            m.host(),
            m.port(),
            m.security(),
            m.username(),
            m.passwordSecret(),
            m.folder(),
            m.processedFolder(),
            m.kind(),
            policy,
            true,
            true));
  }

  /** A new person with an address of their own, so the rate limit counts each test apart. */
  private String person() {
    final String username =
        "mailer" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username, "Mailer " + username, username + "@example.com", Set.of(Role.END_USER), null);
    return username + "@example.com";
  }

  private static String username(final String address) {
    return address.substring(0, address.indexOf('@'));
  }

  private Incident incidentOf(final String messageId) {
    final Optional<InboundMailEntry> entry = inboundMails.find(messageId);
    if (entry.isEmpty()) {
      poll();
    }
    final String number = inboundMails.find(messageId).orElseThrow().recordNumber();
    assertThat(number).as("record of " + messageId).isNotNull();
    return startedIncidentOf(messageId);
  }

  /** The mail's incident once its process has started (apart from the poll). */
  private Incident startedIncidentOf(final String messageId) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !inboundMails.find(messageId).orElseThrow().pending());
    final String number = inboundMails.find(messageId).orElseThrow().recordNumber();
    final Incident incident = incidents.findByNumber(number).orElseThrow();
    assertThat(incident.processInstanceKey()).as("process of " + number).isNotNull();
    return incident;
  }

  /** The process instances the engine has for this incident, by their variable incidentId. */
  private List<Long> instancesOf(final Incident incident) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(
            f ->
                f.processDefinitionId(TEST_PROCESS)
                    .variables(Map.of("incidentId", Long.toString(incident.id()))))
        .send()
        .join()
        .items()
        .stream()
        .map(ProcessInstance::getProcessInstanceKey)
        .toList();
  }

  private List<JournalEntry> comments(final Incident incident) {
    return incidents.journal(incident.id(), true);
  }

  private long countIncidents() {
    return JdbcClient.create(dataSource)
        .sql("SELECT count(*) FROM domain.incident")
        .query(Long.class)
        .single();
  }

  private List<OutboxMail> answersTo(final String address) {
    return server.received().stream().filter(m -> m.to().contains(address)).toList();
  }

  private int folderSize(final String folder) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect(server.host(), server.imapPort(), LocalMailServer.SERVICE_DESK, "");
      final Folder open = store.getFolder(folder);
      open.open(Folder.READ_ONLY);
      try {
        return (int)
            java.util.Arrays.stream(open.getMessages())
                .filter(
                    m -> {
                      try {
                        return !m.isSet(jakarta.mail.Flags.Flag.DELETED);
                      } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .count();
      } finally {
        open.close(false);
      }
    }
  }

  private static String inReplyTo(final String messageId) {
    return "In-Reply-To: " + messageId + "\r\nReferences: " + messageId + "\r\n";
  }

  private static String mail(
      final String from, final String subject, final String text, final String headers) {
    return raw(from, subject, headers + "Content-Type: text/plain; charset=UTF-8\r\n", text);
  }

  private static String raw(
      final String from, final String subject, final String headers, final String body) {
    return "Message-ID: <"
        + UUID.randomUUID()
        + "@sender.example>\r\n"
        + "From: "
        + from
        + "\r\n"
        + "To: "
        + LocalMailServer.SERVICE_DESK
        + "\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
        + "MIME-Version: 1.0\r\n"
        + headers
        + "\r\n"
        + body;
  }

  private static String attachmentPart(final String boundary, final String name, final int size) {
    return "--"
        + boundary
        + "\r\nContent-Type: application/octet-stream; name=\""
        + name
        + "\"\r\n"
        + "Content-Disposition: attachment; filename=\""
        + name
        + "\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder().encodeToString(new byte[size])
        + "\r\n";
  }

  /** Sends the raw mail as it is to the service desk; answers its Message-ID. */
  private String deliver(final String raw) throws Exception {
    final MimeMessage message =
        new MimeMessage(smtp, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport transport = smtp.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(
          message, new Address[] {new InternetAddress(LocalMailServer.SERVICE_DESK)});
    }
    return message.getHeader("Message-ID")[0];
  }
}
