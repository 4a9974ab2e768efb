package io.flowdesk.app.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Turns a received MIME message into an {@link OutboxMail}: headers, bodies, attachment names. */
final class ReceivedMailReader {

  private ReceivedMailReader() {}

  static OutboxMail read(
      final MimeMessage message, final Instant receivedAt, final List<String> deliveredTo) {
    try {
      final Bodies bodies = new Bodies();
      bodies.collect(message);
      final String messageId = message.getMessageID();
      return new OutboxMail(
          idOf(message),
          messageId,
          receivedAt,
          String.join(", ", addresses(message.getFrom())),
          addresses(message.getRecipients(Message.RecipientType.TO)),
          addresses(message.getRecipients(Message.RecipientType.CC)),
          List.copyOf(deliveredTo),
          message.getSubject() == null ? "" : message.getSubject(),
          bodies.text,
          bodies.html,
          List.copyOf(bodies.attachments));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read a mail of the local mail server", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a mail of the local mail server", e);
    }
  }

  /**
   * A short id derived from the Message-ID (or, without one, the whole message), so the copies
   * delivered to several mailboxes share it.
   */
  static String idOf(final MimeMessage message) {
    final byte[] identity;
    try {
      final String messageId = message.getMessageID();
      if (messageId != null && !messageId.isBlank()) {
        identity = messageId.getBytes(StandardCharsets.UTF_8);
      } else {
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        identity = raw.toByteArray();
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read a mail of the local mail server", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a mail of the local mail server", e);
    }
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static List<String> addresses(final Address[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    return Arrays.stream(addresses)
        .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
        .toList();
  }

  /** The first text and HTML body found, depth first, and the names of the attachments. */
  private static final class Bodies {
    private String text;
    private String html;
    private final List<String> attachments = new ArrayList<>();

    void collect(final Part part) throws MessagingException, IOException {
      final boolean attached =
          Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
      if (attached) {
        attachments.add(part.getFileName() == null ? "(unnamed)" : part.getFileName());
      } else if (part.isMimeType("multipart/*")) {
        final Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          collect(multipart.getBodyPart(i));
        }
      } else if (part.isMimeType("text/plain") && text == null) {
        text = String.valueOf(part.getContent());
      } else if (part.isMimeType("text/html") && html == null) {
        html = String.valueOf(part.getContent());
      } else {
        attachments.add("(" + part.getContentType() + ")");
      }
    }
  }
}
