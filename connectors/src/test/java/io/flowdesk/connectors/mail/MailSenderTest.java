package io.flowdesk.connectors.mail;

import static io.flowdesk.connectors.mail.TestMailServers.ALICE;
import static io.flowdesk.connectors.mail.TestMailServers.DESK;
import static io.flowdesk.connectors.mail.TestMailServers.DESK_PASSWORD;
import static io.flowdesk.connectors.mail.TestMailServers.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.flowdesk.connectors.ConnectorException;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailSenderTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = TestMailServers.greenMail();

  @BeforeEach
  void emptyMailboxes() {
    TestMailServers.purge(GREEN_MAIL);
  }

  private MailSender sender(final MailServer server) {
    return new MailSender(new MailSenderSettings(server, "Service Desk <" + DESK + ">", DOMAIN));
  }

  private MailSender plainSender() {
    return sender(TestMailServers.deskLogin(GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE));
  }

  @Test
  void textMailCarriesTheTokenInItsMessageIdAndSubject() throws Exception {
    final SentMail sent =
        plainSender()
            .send(
                OutgoingMail.builder()
                    .to(ALICE)
                    .subject("Your printer is fixed")
                    .text("Hello Alice,\nthe printer works again.")
                    .token("INC0001234")
                    .build());

    assertThat(sent.messageId()).matches("<INC0001234\\.[0-9a-f-]{36}@flowdesk\\.test>");
    assertThat(sent.subject()).isEqualTo("[INC0001234] Your printer is fixed");
    final MimeMessage received = onlyReceived();
    assertThat(received.getMessageID()).isEqualTo(sent.messageId());
    assertThat(received.getSubject()).isEqualTo("[INC0001234] Your printer is fixed");
    assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(DESK);
    assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Service Desk");
    assertThat(received.isMimeType("text/plain")).isTrue();
    assertThat(((String) received.getContent()).replace("\r\n", "\n"))
        .isEqualTo("Hello Alice,\nthe printer works again.");
  }

  @Test
  void subjectThatAlreadyCarriesTheTagIsNotTaggedTwice() {
    final SentMail sent =
        plainSender()
            .send(
                OutgoingMail.builder()
                    .to(ALICE)
                    .subject("Re: [INC0001234] Printer")
                    .text("x")
                    .token("INC0001234")
                    .build());

    assertThat(sent.subject()).isEqualTo("Re: [INC0001234] Printer");
  }

  @Test
  void htmlAndTextGoOutAsAlternativesNextToAttachmentsWithReplyTo() throws Exception {
    final byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
    plainSender()
        .send(
            OutgoingMail.builder()
                .to(ALICE)
                .cc("bob@example.test")
                .replyTo("replies@flowdesk.test")
                .subject("Report")
                .text("See the report.")
                .html("<p>See the <b>report</b>.</p>")
                .attachment(new MailAttachment("report é.pdf", "application/pdf", pdf))
                .token("CHG0000042")
                .build());

    final MimeMessage received = GREEN_MAIL.getReceivedMessagesForDomain("example.test")[0];
    assertThat(received.getReplyTo())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("replies@flowdesk.test");
    assertThat(received.getRecipients(Message.RecipientType.CC))
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("bob@example.test");
    assertThat(received.isMimeType("multipart/mixed")).isTrue();
    final Multipart mixed = (Multipart) received.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    final Part body = mixed.getBodyPart(0);
    assertThat(body.isMimeType("multipart/alternative")).isTrue();
    final Multipart alternative = (Multipart) body.getContent();
    assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("See the report.");
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>See the <b>report</b>.</p>");
    final Part attachment = mixed.getBodyPart(1);
    assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(attachment.getFileName()).isEqualTo("report é.pdf");
    assertThat(attachment.isMimeType("application/pdf")).isTrue();
    assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
  }

  @Test
  void htmlOnlyMailGetsAPlainTextTwin() throws Exception {
    plainSender()
        .send(
            OutgoingMail.builder()
                .to(ALICE)
                .subject("Maintenance")
                .html("<h1>Maintenance</h1><p>Saturday <b>22:00</b></p>")
                .build());

    final Multipart alternative = (Multipart) onlyReceived().getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
        .isEqualTo("Maintenance\n\nSaturday 22:00");
  }

  @Test
  void replyThreadsUnderTheMailItAnswers() throws Exception {
    final String original = "<abc.123@example.test>";
    final SentMail sent =
        plainSender()
            .send(
                OutgoingMail.builder()
                    .to(ALICE)
                    .subject("Re: VPN down")
                    .text("We are on it.")
                    .token("INC0000007")
                    .replyingTo(original, List.of("<root.1@example.test>"))
                    .build());

    final MimeMessage received = onlyReceived();
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(original);
    assertThat(received.getHeader("References", " ").replaceAll("\\s+", " "))
        .isEqualTo("<root.1@example.test> " + original);
    assertThat(received.getMessageID()).isEqualTo(sent.messageId());
  }

  @Test
  void mailWithoutTokenGetsAnUntaggedMessageIdAndSubject() {
    final SentMail sent =
        plainSender().send(OutgoingMail.builder().to(ALICE).subject("Hi").text("x").build());

    assertThat(sent.messageId()).matches("<[0-9a-f-]{36}@flowdesk\\.test>");
    assertThat(sent.subject()).isEqualTo("Hi");
  }

  @Test
  void implicitTlsDeliversWhenTheServerCertificateIsTrusted() throws Exception {
    final MailServer smtps =
        TestMailServers.deskLogin(GREEN_MAIL.getSmtps().getPort(), MailSecurity.TLS)
            .withSslSocketFactory(TestTls.trustingTestCertificate());

    sender(smtps).send(OutgoingMail.builder().to(ALICE).subject("over TLS").text("x").build());

    assertThat(onlyReceived().getSubject()).isEqualTo("over TLS");
  }

  @Test
  void implicitTlsRefusesAnUntrustedCertificateWithoutRetry() {
    final MailServer smtps =
        TestMailServers.deskLogin(GREEN_MAIL.getSmtps().getPort(), MailSecurity.TLS);

    assertThatThrownBy(
            () ->
                sender(smtps).send(OutgoingMail.builder().to(ALICE).subject("x").text("x").build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("TLS with SMTP server localhost:" + smtps.port())
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void starttlsIsRequiredNeverSkippedWhenTheServerDoesNotOfferIt() {
    // GreenMail's SMTP does not offer STARTTLS: the mail must not go out in plain text.
    final MailServer starttls =
        TestMailServers.deskLogin(GREEN_MAIL.getSmtp().getPort(), MailSecurity.STARTTLS);

    assertThatThrownBy(
            () ->
                sender(starttls)
                    .send(OutgoingMail.builder().to(ALICE).subject("x").text("x").build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("SMTP server localhost:" + starttls.port())
        .hasMessageContaining("STARTTLS")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void wrongPasswordIsAPermanentFailureNamingServerAndUserButNotThePassword() {
    final String wrong = "not-the-Pa55word";
    final MailServer server =
        TestMailServers.server(GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE)
            .withCredentials(DESK, wrong::toCharArray);

    assertThatThrownBy(
            () ->
                sender(server)
                    .send(OutgoingMail.builder().to(ALICE).subject("x").text("x").build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("SMTP server localhost:" + server.port())
        .hasMessageContaining("rejected the credentials of user '" + DESK + "'")
        .hasMessageNotContaining(wrong)
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void unreachableServerIsARetryableFailureNamingHostAndPort() {
    final int port = FreePort.closed();

    assertThatThrownBy(
            () ->
                sender(TestMailServers.deskLogin(port, MailSecurity.NONE))
                    .send(OutgoingMail.builder().to(ALICE).subject("x").text("x").build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("cannot reach SMTP server localhost:" + port)
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> OutgoingMail.builder().subject("x").text("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no recipient");
    assertThatThrownBy(() -> OutgoingMail.builder().to("alice@").subject("x").text("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to address 'alice@' is not valid");
    assertThatThrownBy(
            () -> OutgoingMail.builder().to(ALICE).subject("a\r\nBcc: x@y.z").text("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> OutgoingMail.builder().to(ALICE).subject("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither text nor HTML");
    assertThatThrownBy(
            () -> OutgoingMail.builder().to(ALICE).subject("x").text("x").token("inc1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'inc1' is not a record token");
    assertThatThrownBy(
            () -> OutgoingMail.builder().to(ALICE).subject("x").text("x").inReplyTo("abc").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-reply-to value 'abc' is not a Message-ID");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void settingsNeverShowThePassword() {
    final MailServer server =
        TestMailServers.deskLogin(GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE);
    final MailSenderSettings settings = new MailSenderSettings(server, DESK, DOMAIN);

    assertThat(server.toString()).doesNotContain(DESK_PASSWORD).contains("password=***");
    assertThat(settings.toString()).doesNotContain(DESK_PASSWORD);
    assertThat(new MailSender(settings).toString()).doesNotContain(DESK_PASSWORD);
  }

  private static MimeMessage onlyReceived() {
    final MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
