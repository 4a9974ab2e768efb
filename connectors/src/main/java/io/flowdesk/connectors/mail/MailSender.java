package io.flowdesk.connectors.mail;

import io.flowdesk.connectors.ConnectorException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sends mail over SMTP. Each mail gets our own Message-ID carrying its record token and a {@code
 * [TOKEN]} subject tag (see {@link MailWatermark}), so that replies find their way back.
 *
 * <p>One connection per {@link #send} call; the class holds no connection and is safe to share
 * between threads. Failures come as {@link ConnectorException}: unreachable server and temporary
 * (4xx) refusals are retryable, bad credentials and rejected recipients are not. A mail is either
 * accepted by the server as a whole or not at all.
 */
public final class MailSender {

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final MailSenderSettings settings;
  private final MailWatermark watermark;
  private final Session session;

  public MailSender(final MailSenderSettings settings) {
    this.settings = settings;
    this.watermark = new MailWatermark(settings.messageIdDomain());
    this.session = MailSessions.session(settings.server(), "smtp");
  }

  /** Sends one mail and returns the Message-ID it went out with. */
  public SentMail send(final OutgoingMail mail) {
    final String messageId = watermark.newMessageId(mail.token());
    final String subject =
        mail.token() == null
            ? mail.subject()
            : MailWatermark.subjectWithToken(mail.subject(), mail.token());
    final MimeMessage message;
    try {
      message = compose(mail, messageId, subject);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("mail '" + subject + "' cannot be composed", e);
    }
    final MailServer server = settings.server();
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(server.username(), MailSessions.password(server));
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      throw MailFailures.translate(e, "SMTP", server);
    }
    final List<String> recipients =
        Stream.of(mail.to(), mail.cc(), mail.bcc()).flatMap(List::stream).toList();
    return new SentMail(messageId, subject, recipients);
  }

  private MimeMessage compose(final OutgoingMail mail, final String messageId, final String subject)
      throws MessagingException {
    final MimeMessage message = new FixedIdMimeMessage(session, messageId);
    final InternetAddress from = settings.fromAddress();
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, MailAddresses.parseAll(mail.to(), "to"));
    message.setRecipients(Message.RecipientType.CC, MailAddresses.parseAll(mail.cc(), "cc"));
    message.setRecipients(Message.RecipientType.BCC, MailAddresses.parseAll(mail.bcc(), "bcc"));
    if (!mail.replyTo().isEmpty()) {
      message.setReplyTo(MailAddresses.parseAll(mail.replyTo(), "reply-to"));
    }
    message.setSubject(subject, UTF_8);
    message.setSentDate(new Date());
    // RFC 3834: every mail Flowdesk sends is machine-made, so out-of-office responders leave it
    // unanswered and our own mailbox reader never takes it for a person's mail (no mail loops).
    message.setHeader("Auto-Submitted", "auto-generated");
    if (mail.inReplyTo() != null) {
      message.setHeader("In-Reply-To", mail.inReplyTo());
    }
    if (!mail.references().isEmpty()) {
      message.setHeader(
          "References",
          MimeUtility.fold("References: ".length(), String.join(" ", mail.references())));
    }
    setContent(message, mail);
    message.saveChanges();
    return message;
  }

  private static void setContent(final MimeMessage message, final OutgoingMail mail)
      throws MessagingException {
    if (mail.attachments().isEmpty()) {
      fillBody(message, mail);
      return;
    }
    final MimeMultipart mixed = new MimeMultipart("mixed");
    final MimeBodyPart body = new MimeBodyPart();
    fillBody(body, mail);
    mixed.addBodyPart(body);
    for (final MailAttachment attachment : mail.attachments()) {
      final MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(
          new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
      part.setFileName(attachment.name());
      part.setDisposition(Part.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
  }

  private static void fillBody(final MimePart part, final OutgoingMail mail)
      throws MessagingException {
    if (mail.html() == null) {
      part.setText(mail.text(), UTF_8);
      return;
    }
    // Clients that cannot show HTML, and filters that score HTML-only mail, get a text twin.
    final String text = mail.text() != null ? mail.text() : HtmlToText.convert(mail.html());
    final MimeBodyPart textPart = new MimeBodyPart();
    textPart.setText(text, UTF_8);
    final MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setText(mail.html(), UTF_8, "html");
    final MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(textPart);
    alternative.addBodyPart(htmlPart);
    part.setContent(alternative);
  }

  /** Jakarta Mail replaces the Message-ID on save; ours carries the token, so it must stay. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(final Session session, final String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** The address our mails come from, e.g. {@code flowdesk@example.com}. */
  public String fromAddress() {
    return settings.fromAddress().getAddress();
  }

  /** The domain of our Message-IDs. */
  public String messageIdDomain() {
    return watermark.domain();
  }

  /** For log lines: the settings without secrets. */
  @Override
  public String toString() {
    return "MailSender[" + settings.server() + ", from=" + settings.from() + "]";
  }
}
