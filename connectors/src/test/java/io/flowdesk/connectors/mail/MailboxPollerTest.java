package io.flowdesk.connectors.mail;

import static io.flowdesk.connectors.mail.TestMailServers.ALICE;
import static io.flowdesk.connectors.mail.TestMailServers.DESK;
import static io.flowdesk.connectors.mail.TestMailServers.DESK_PASSWORD;
import static io.flowdesk.connectors.mail.TestMailServers.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.flowdesk.connectors.ConnectorException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxPollerTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = TestMailServers.greenMail();

  private final RememberedMailIds processedIds = new RememberedMailIds();
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void emptyMailboxes() {
    TestMailServers.purge(GREEN_MAIL);
  }

  @Test
  void replyToOurMailBecomesWorkForItsRecordWithTheQuoteCutOff() throws Exception {
    final SentMail notification =
        new MailSender(
                new MailSenderSettings(
                    TestMailServers.deskLogin(GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE),
                    DESK,
                    DOMAIN))
            .send(
                OutgoingMail.builder()
                    .to(ALICE)
                    .subject("Your printer is fixed")
                    .text("Hello Alice,\nthe printer works again.")
                    .token("INC0001234")
                    .build());
    deliver(
        """
        From: Alice Example <%s>
        To: %s
        Subject: Re: %s
        Message-ID: <reply-1@example.test>
        In-Reply-To: %s
        References: %s
        Content-Type: text/plain; charset=UTF-8

        It is still broken, sorry.

        On Tue, 3 Mar 2026 at 10:00, Service Desk <%s> wrote:
        > Hello Alice,
        > the printer works again.
        """
            .formatted(
                ALICE,
                DESK,
                notification.subject(),
                notification.messageId(),
                notification.messageId(),
                DESK));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.messages()).isEqualTo(1);
    assertThat(report.failures()).isEmpty();
    final InboundMail mail = recorder.onlyMessage();
    assertThat(mail.kind()).isEqualTo(InboundMailKind.MESSAGE);
    assertThat(mail.from()).isEqualTo(ALICE);
    assertThat(mail.fromName()).isEqualTo("Alice Example");
    assertThat(mail.subject()).isEqualTo("Re: [INC0001234] Your printer is fixed");
    assertThat(mail.text()).isEqualTo("It is still broken, sorry.");
    assertThat(mail.fullText()).contains("> the printer works again.");
    assertThat(mail.messageId()).isEqualTo("<reply-1@example.test>");
    assertThat(mail.inReplyTo()).isEqualTo(notification.messageId());
    assertThat(mail.references()).containsExactly(notification.messageId());
    assertThat(mail.token()).contains("INC0001234");
    assertThat(processedIds.ids()).containsExactly("<reply-1@example.test>");
    assertThat(inboxFlags()).singleElement().satisfies(flags -> assertProcessed(flags));
  }

  @Test
  void tokenComesFromTheSubjectWhenTheMailAnswersNoneOfOurs() throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: More details [INC0000099]
        Message-ID: <m-1@example.test>
        In-Reply-To: <INC0001234.5f0c2b3e-1111-2222-3333-444455556666@other.example>
        Content-Type: text/plain

        The screen flickers.
        """
            .formatted(ALICE, DESK));

    poller(imap()).poll(recorder);

    assertThat(recorder.onlyMessage().token()).contains("INC0000099");
  }

  @Test
  void mailWithoutAnyTokenHasNone() throws Exception {
    deliver(plainMail("<m-2@example.test>", "New laptop please", "I need a laptop."));

    poller(imap()).poll(recorder);

    assertThat(recorder.onlyMessage().token()).isEmpty();
  }

  @Test
  void htmlOnlyMailIsReadAsTextWithoutTheQuotedBlock() throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: VPN
        Message-ID: <html-1@example.test>
        Content-Type: text/html; charset=UTF-8

        <html><head><style>p{color:red}</style></head><body>
        <p>The VPN <b>drops</b> every hour.</p><ul><li>Laptop</li><li>Office</li></ul>
        <div class="gmail_quote">On Mon, 2 Mar 2026, Desk wrote:
        <blockquote><p>Is it still happening?</p></blockquote></div>
        </body></html>
        """
            .formatted(ALICE, DESK));

    poller(imap()).poll(recorder);

    final InboundMail mail = recorder.onlyMessage();
    assertThat(mail.text()).isEqualTo("The VPN drops every hour.\n\n- Laptop\n- Office");
    assertThat(mail.fullText()).contains("> Is it still happening?").doesNotContain("color");
  }

  @Test
  void attachmentsArriveWithNameTypeAndBytes() throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: Screenshot
        Message-ID: <att-1@example.test>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=UTF-8

        See attached.
        --b1
        Content-Type: image/png; name="screen shot.png"
        Content-Disposition: attachment; filename="screen shot.png"
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --b1
        Content-Type: text/csv; name="data.csv"
        Content-Disposition: attachment; filename="data.csv"

        a,b
        1,2
        --b1--
        """
            .formatted(ALICE, DESK));

    poller(imap()).poll(recorder);

    final InboundMail mail = recorder.onlyMessage();
    assertThat(mail.text()).isEqualTo("See attached.");
    assertThat(mail.attachments()).hasSize(2);
    assertThat(mail.attachments().get(0).name()).isEqualTo("screen shot.png");
    assertThat(mail.attachments().get(0).contentType()).isEqualTo("image/png");
    assertThat(mail.attachments().get(0).content())
        .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    assertThat(mail.attachments().get(1).name()).isEqualTo("data.csv");
    assertThat(new String(mail.attachments().get(1).content(), StandardCharsets.UTF_8))
        .isEqualToNormalizingNewlines("a,b\n1,2");
  }

  @Test
  void aMailWhoseHandlerFailsStaysUnprocessedUntilAPollSucceeds() throws Exception {
    deliver(plainMail("<flaky-1@example.test>", "Printer", "Broken."));
    final MailboxPoller poller = poller(imap());

    final PollReport failed =
        poller.poll(
            mail -> {
              throw new IllegalStateException("database down");
            });

    assertThat(failed.messages()).isZero();
    assertThat(failed.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.messageId()).isEqualTo("<flaky-1@example.test>");
              assertThat(f.cause()).hasMessage("database down");
            });
    assertThat(processedIds.ids()).isEmpty();
    assertThat(inboxFlags())
        .singleElement()
        .satisfies(
            flags -> {
              assertThat(flags.contains(Flags.Flag.SEEN)).isFalse();
              assertThat(flags.contains(MailboxPoller.PROCESSED_KEYWORD)).isFalse();
            });

    final PollReport retried = poller.poll(recorder);
    assertThat(retried.messages()).isEqualTo(1);
    assertThat(recorder.messages).hasSize(1);
    assertThat(inboxFlags()).singleElement().satisfies(flags -> assertProcessed(flags));

    final PollReport after = poller.poll(recorder);
    assertThat(after).isEqualTo(new PollReport(0, 0, 0, 0, List.of()));
    assertThat(recorder.messages).hasSize(1);
  }

  @Test
  void anUnreadableMailIsSetAsideOnceWhileTheOthersAreHandled() throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: Broken
        Message-ID: <broken-1@example.test>
        Content-Type: multipart/mixed

        no boundary anywhere
        """
            .formatted(ALICE, DESK));
    deliver(plainMail("<fine-1@example.test>", "Printer", "Broken."));
    final MailboxPoller poller = poller(imap());

    final PollReport first = poller.poll(recorder);

    assertThat(first.messages()).isEqualTo(1);
    assertThat(first.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.messageId()).isEqualTo("<broken-1@example.test>");
              assertThat(f.subject()).isEqualTo("Broken");
              assertThat(f.setAside()).isTrue();
            });
    assertThat(inboxFlags())
        .anySatisfy(flags -> assertThat(flags.contains(MailboxPoller.FAILED_KEYWORD)).isTrue());
    assertThat(poller.poll(recorder)).isEqualTo(new PollReport(0, 0, 0, 0, List.of()));
    assertThat(recorder.messages).hasSize(1);
  }

  @Test
  void aMailDeliveredTwiceIsHandledOnce() throws Exception {
    deliver(plainMail("<twice@example.test>", "Printer", "Broken."));
    deliver(plainMail("<twice@example.test>", "Printer", "Broken."));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.messages()).isEqualTo(1);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(recorder.messages).hasSize(1);
    assertThat(inboxFlags()).hasSize(2).allSatisfy(flags -> assertProcessed(flags));
  }

  @Test
  void aMailHandledBeforeButNeverFlaggedIsNotHandledAgain() throws Exception {
    // The handler committed, then the connection dropped before the flag was set.
    processedIds.add("<committed@example.test>");
    deliver(plainMail("<committed@example.test>", "Printer", "Broken."));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(recorder.messages).isEmpty();
    assertThat(inboxFlags()).singleElement().satisfies(flags -> assertProcessed(flags));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Auto-Submitted: auto-replied",
        "Auto-Submitted: auto-generated (vacation)",
        "X-Autoreply: yes",
        "X-Autorespond: Out of office",
        "Precedence: bulk",
        "Precedence: auto_reply",
        "Precedence: list",
        "X-Auto-Response-Suppress: All"
      })
  void autoRepliesAreReportedAsSuchNotAsWork(final String header) throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: Out of office: [INC0001234] Printer
        Message-ID: <ooo@example.test>
        %s
        Content-Type: text/plain

        I am away until Monday.
        """
            .formatted(ALICE, DESK, header));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.autoReplies()).isEqualTo(1);
    assertThat(report.messages()).isZero();
    assertThat(recorder.messages).isEmpty();
    assertThat(recorder.autoReplies)
        .singleElement()
        .satisfies(mail -> assertThat(mail.kind()).isEqualTo(InboundMailKind.AUTO_REPLY));
    assertThat(inboxFlags()).singleElement().satisfies(flags -> assertProcessed(flags));
  }

  @Test
  void autoSubmittedNoIsAPersonsMail() throws Exception {
    deliver(
        """
        From: %s
        To: %s
        Subject: Hello
        Message-ID: <human@example.test>
        Auto-Submitted: no
        Content-Type: text/plain

        Written by hand.
        """
            .formatted(ALICE, DESK));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.messages()).isEqualTo(1);
    assertThat(recorder.autoReplies).isEmpty();
  }

  @Test
  void deliveryReportIsABounceNamingTheMailThatFailedAndItsRecord() throws Exception {
    final String ours = "<INC0001234.0b7c9a52-5a6e-4c43-9d43-2f4c1d2e3f40@flowdesk.test>";
    deliver(
        """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
        To: %s
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <bounce-1@mx.example.test>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

        --r1
        Content-Type: text/plain

        I'm sorry to have to inform you that your message could not be delivered.
        --r1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.test

        Final-Recipient: rfc822; nobody@example.test
        Action: failed
        Status: 5.1.1
        --r1
        Content-Type: text/rfc822-headers

        From: %s
        To: nobody@example.test
        Subject: [INC0001234] Printer
        Message-ID: %s
        --r1--
        """
            .formatted(DESK, DESK, ours));

    final PollReport report = poller(imap()).poll(recorder);

    assertThat(report.bounces()).isEqualTo(1);
    assertThat(recorder.messages).isEmpty();
    final InboundMail bounce = recorder.bounces.get(0);
    assertThat(bounce.kind()).isEqualTo(InboundMailKind.BOUNCE);
    assertThat(bounce.bouncedMessageId()).isEqualTo(ours);
    assertThat(bounce.token()).contains("INC0001234");
    assertThat(bounce.text()).startsWith("I'm sorry to have to inform you");
  }

  @Test
  void plainMailFromMailerDaemonIsABounce() throws Exception {
    deliver(
        """
        From: MAILER-DAEMON@mx.example.test
        To: %s
        Subject: failure notice
        Message-ID: <bounce-2@mx.example.test>
        Content-Type: text/plain

        Delivery failed.
        """
            .formatted(DESK));

    assertThat(poller(imap()).poll(recorder).bounces()).isEqualTo(1);
    assertThat(recorder.messages).isEmpty();
  }

  @Test
  void processedMailIsMovedWhenAProcessedFolderIsConfigured() throws Exception {
    createFolder("Processed");
    deliver(plainMail("<move-1@example.test>", "Printer", "Broken."));
    final MailboxSettings settings =
        MailboxSettings.inbox(imap(), DOMAIN).withProcessedFolder("Processed");

    final PollReport report = new MailboxPoller(settings, processedIds).poll(recorder);

    assertThat(report.messages()).isEqualTo(1);
    assertThat(inboxFlags()).isEmpty();
    assertThat(folderFlags("Processed")).singleElement().satisfies(flags -> assertProcessed(flags));
  }

  @Test
  void onePollReadsAtMostTheConfiguredNumberOfMailsOldestFirst() throws Exception {
    for (int i = 1; i <= 3; i++) {
      deliver(plainMail("<batch-" + i + "@example.test>", "Mail " + i, "Body " + i));
    }
    final MailboxPoller poller =
        new MailboxPoller(new MailboxSettings(imap(), "INBOX", null, 2, DOMAIN), processedIds);

    assertThat(poller.poll(recorder).messages()).isEqualTo(2);
    assertThat(poller.poll(recorder).messages()).isEqualTo(1);
    assertThat(recorder.messages)
        .extracting(InboundMail::subject)
        .containsExactly("Mail 1", "Mail 2", "Mail 3");
  }

  @Test
  void aPollOfTwentyMailsCostsTheSameImapCommandsAsAPollOfOne() throws Exception {
    try (ImapCommandCounter counter = new ImapCommandCounter(GREEN_MAIL.getImap().getPort())) {
      final MailboxPoller poller =
          poller(TestMailServers.deskLogin(counter.port(), MailSecurity.NONE));
      deliver(plainMail("<count-0@example.test>", "Mail 0", "Body 0"));
      assertThat(poller.poll(recorder).messages()).isEqualTo(1);
      final List<String> forOne = withoutNoops(counter.commands());
      counter.clear();
      for (int i = 1; i <= 20; i++) {
        deliver(plainMail("<count-" + i + "@example.test>", "Mail " + i, "Body " + i));
      }

      assertThat(poller.poll(recorder).messages()).isEqualTo(20);

      final List<String> forTwenty = withoutNoops(counter.commands());
      assertThat(forTwenty).hasSameSizeAs(forOne);
      // Flags and sizes, then the whole mails; one STORE marks the batch (mail 1 is the first
      // poll's, still in the folder).
      assertThat(forTwenty).filteredOn(c -> c.startsWith("FETCH")).hasSize(2);
      assertThat(forTwenty)
          .filteredOn(c -> c.startsWith("STORE"))
          .singleElement()
          .asString()
          .startsWith("STORE 2:21 +FLAGS");
      assertThat(recorder.messages)
          .extracting(InboundMail::subject)
          .containsExactly(
              IntStream.rangeClosed(0, 20).mapToObj(i -> "Mail " + i).toArray(String[]::new));
      assertThat(inboxFlags()).hasSize(21).allSatisfy(flags -> assertProcessed(flags));
    }
  }

  @Test
  void aMailWhoseHandlerFailsStaysUnflaggedWhileTheRestOfItsBatchIsMarked() throws Exception {
    deliver(plainMail("<batch-a@example.test>", "A", "First."));
    deliver(plainMail("<batch-b@example.test>", "B", "Second."));
    deliver(plainMail("<batch-c@example.test>", "C", "Third."));
    final MailboxPoller poller = poller(imap());

    final PollReport first =
        poller.poll(
            mail -> {
              if ("B".equals(mail.subject())) {
                throw new IllegalStateException("database down");
              }
              recorder.onMessage(mail);
            });

    assertThat(first.messages()).isEqualTo(2);
    assertThat(first.failures())
        .singleElement()
        .extracting(PollReport.Failure::messageId)
        .isEqualTo("<batch-b@example.test>");
    assertThat(processedIds.ids()).containsOnly("<batch-a@example.test>", "<batch-c@example.test>");
    final List<Flags> flags = inboxFlags();
    assertProcessed(flags.get(0));
    assertThat(flags.get(1).contains(MailboxPoller.PROCESSED_KEYWORD)).isFalse();
    assertThat(flags.get(1).contains(Flags.Flag.SEEN)).isFalse();
    assertProcessed(flags.get(2));

    assertThat(poller.poll(recorder).messages()).isEqualTo(1);
    assertThat(recorder.messages).extracting(InboundMail::subject).containsExactly("A", "C", "B");
  }

  @Test
  void mailsLargerThanThePrefetchBoundAreReadOnTheirOwnAndAllArriveWhole() throws Exception {
    final String big = "x".repeat(3_000);
    deliver(plainMail("<size-1@example.test>", "Small 1", "One."));
    deliver(plainMail("<size-2@example.test>", "Small 2", "Two."));
    deliver(plainMail("<size-3@example.test>", "Big", big));
    deliver(plainMail("<size-4@example.test>", "Small 3", "Three."));
    final MailboxPoller poller =
        new MailboxPoller(MailboxSettings.inbox(imap(), DOMAIN), processedIds, 1_000);

    assertThat(poller.poll(recorder).messages()).isEqualTo(4);

    assertThat(recorder.messages)
        .extracting(InboundMail::subject, InboundMail::text)
        .containsExactly(
            tuple("Small 1", "One."),
            tuple("Small 2", "Two."),
            tuple("Big", big),
            tuple("Small 3", "Three."));
    assertThat(inboxFlags()).hasSize(4).allSatisfy(flags -> assertProcessed(flags));
  }

  @Test
  void pollsOverImplicitTlsWithATrustedCertificate() throws Exception {
    deliver(plainMail("<tls-1@example.test>", "Over TLS", "Secret."));
    final MailServer imaps =
        TestMailServers.deskLogin(GREEN_MAIL.getImaps().getPort(), MailSecurity.TLS)
            .withSslSocketFactory(TestTls.trustingTestCertificate());

    assertThat(poller(imaps).poll(recorder).messages()).isEqualTo(1);
    assertThat(recorder.onlyMessage().subject()).isEqualTo("Over TLS");
  }

  @Test
  void wrongPasswordIsAPermanentFailureNamingServerAndUserButNotThePassword() {
    final String wrong = "wrong-Pa55word";
    final MailServer server =
        TestMailServers.server(GREEN_MAIL.getImap().getPort(), MailSecurity.NONE)
            .withCredentials(DESK, wrong::toCharArray);

    assertThatThrownBy(() -> poller(server).poll(recorder))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("IMAP server localhost:" + server.port())
        .hasMessageContaining("rejected the credentials of user '" + DESK + "'")
        .hasMessageNotContaining(wrong)
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
  }

  @Test
  void unreachableServerIsARetryableFailureNamingHostAndPort() {
    final int port = FreePort.closed();

    assertThatThrownBy(
            () -> poller(TestMailServers.deskLogin(port, MailSecurity.NONE)).poll(recorder))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("cannot reach IMAP server localhost:" + port)
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
  }

  @Test
  void missingFolderIsNamed() {
    final MailboxSettings settings = new MailboxSettings(imap(), "Tickets", null, 10, DOMAIN);

    assertThatThrownBy(() -> new MailboxPoller(settings, processedIds).poll(recorder))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("has no folder 'Tickets'");
  }

  private MailboxPoller poller(final MailServer server) {
    return new MailboxPoller(MailboxSettings.inbox(server, DOMAIN), processedIds);
  }

  private static MailServer imap() {
    return TestMailServers.deskLogin(GREEN_MAIL.getImap().getPort(), MailSecurity.NONE);
  }

  private static List<String> withoutNoops(final List<String> commands) {
    // A client may send NOOP to keep a connection alive; that is no work of the poll.
    return commands.stream().filter(command -> !command.startsWith("NOOP")).toList();
  }

  private static void assertProcessed(final Flags flags) {
    assertThat(flags.contains(Flags.Flag.SEEN)).isTrue();
    assertThat(flags.contains(MailboxPoller.PROCESSED_KEYWORD)).isTrue();
  }

  private static String plainMail(final String messageId, final String subject, final String body) {
    return """
        From: %s
        To: %s
        Subject: %s
        Message-ID: %s
        Content-Type: text/plain

        %s
        """
        .formatted(ALICE, DESK, subject, messageId, body);
  }

  /** Puts a raw RFC 5322 mail into the desk's INBOX as GreenMail's SMTP server would. */
  private static void deliver(final String raw) throws Exception {
    final MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    GREEN_MAIL.getUserManager().getUser(DESK).deliver(message);
  }

  private static List<Flags> inboxFlags() throws Exception {
    return folderFlags("INBOX");
  }

  /** Reads the flags the way any IMAP client would, through its own connection. */
  private static List<Flags> folderFlags(final String name) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("localhost", GREEN_MAIL.getImap().getPort(), DESK, DESK_PASSWORD);
      final Folder folder = store.getFolder(name);
      folder.open(Folder.READ_ONLY);
      final List<Flags> flags = new ArrayList<>();
      for (final Message message : folder.getMessages()) {
        flags.add(message.getFlags());
      }
      folder.close(false);
      return flags;
    }
  }

  private static void createFolder(final String name) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("localhost", GREEN_MAIL.getImap().getPort(), DESK, DESK_PASSWORD);
      final Folder folder = store.getFolder(name);
      if (!folder.exists()) {
        folder.create(Folder.HOLDS_MESSAGES);
      }
    }
  }

  /** Records what each handler method received. */
  private static final class Recorder implements InboundMailHandler {
    final List<InboundMail> messages = new ArrayList<>();
    final List<InboundMail> autoReplies = new ArrayList<>();
    final List<InboundMail> bounces = new ArrayList<>();

    @Override
    public void onMessage(final InboundMail mail) {
      messages.add(mail);
    }

    @Override
    public void onAutoReply(final InboundMail mail) {
      autoReplies.add(mail);
    }

    @Override
    public void onBounce(final InboundMail mail) {
      bounces.add(mail);
    }

    InboundMail onlyMessage() {
      assertThat(messages).hasSize(1);
      return messages.get(0);
    }
  }
}
