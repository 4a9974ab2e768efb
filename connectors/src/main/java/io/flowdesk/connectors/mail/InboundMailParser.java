package io.flowdesk.connectors.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link MimeMessage} into an {@link InboundMail}. */
final class InboundMailParser {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

  private final MailWatermark watermark;

  InboundMailParser(final MailWatermark watermark) {
    this.watermark = watermark;
  }

  InboundMail parse(final MimeMessage message) throws MessagingException, IOException {
    final InternetAddress sender = firstAddress(message.getFrom());
    final String from = sender == null ? "" : sender.getAddress();
    final String subject = message.getSubject() == null ? "" : message.getSubject();
    final InboundMailKind kind = MailClassifier.classify(message, from);
    final Body body = new Body();
    body.walk(message);
    final String fullText =
        body.plain != null ? body.plain : body.html != null ? HtmlToText.convert(body.html) : "";
    final String inReplyTo = firstMessageId(message.getHeader("In-Reply-To"));
    final List<String> references = messageIds(message.getHeader("References"));
    final String bouncedId = kind == InboundMailKind.BOUNCE ? body.quotedMessageId : null;
    final Optional<String> token =
        bouncedId != null && watermark.tokenInMessageId(bouncedId).isPresent()
            ? watermark.tokenInMessageId(bouncedId)
            : watermark.tokenOf(inReplyTo, references, subject);
    final String messageId =
        Optional.ofNullable(firstMessageId(message.getHeader("Message-ID")))
            .orElseGet(() -> stableId(from, message, subject, fullText));
    return new InboundMail(
        kind,
        messageId,
        from,
        sender == null ? null : sender.getPersonal(),
        addresses(message.getRecipients(Message.RecipientType.TO)),
        addresses(message.getRecipients(Message.RecipientType.CC)),
        message.getHeader("Reply-To") == null ? List.of() : addresses(message.getReplyTo()),
        subject,
        QuotedReplyStripper.strip(fullText),
        fullText,
        body.attachments,
        inReplyTo,
        references,
        token,
        bouncedId,
        message.getSentDate() == null ? null : message.getSentDate().toInstant());
  }

  /** Collects the text, HTML and attachments of a (possibly nested) MIME structure. */
  private static final class Body {
    private String plain;
    private String html;
    private String quotedMessageId;
    private final List<MailAttachment> attachments = new ArrayList<>();

    void walk(final Part part) throws MessagingException, IOException {
      if (part.isMimeType("multipart/*")) {
        final Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          walk(multipart.getBodyPart(i));
        }
      } else if (part.isMimeType("message/rfc822")) {
        if (part.getContent() instanceof MimeMessage quoted && quotedMessageId == null) {
          quotedMessageId = quoted.getMessageID();
        }
        attachments.add(attachment(part, "message.eml"));
      } else if (part.isMimeType("text/rfc822-headers")) {
        try (InputStream in = part.getInputStream()) {
          final String[] ids = new InternetHeaders(in).getHeader("Message-ID");
          if (ids != null && quotedMessageId == null) {
            quotedMessageId = ids[0].trim();
          }
        }
      } else if (isAttachment(part)) {
        attachments.add(attachment(part, "attachment-" + (attachments.size() + 1)));
      } else if (part.isMimeType("text/plain")) {
        plain = plain == null ? text(part) : plain + "\n\n" + text(part);
      } else if (part.isMimeType("text/html")) {
        html = html == null ? text(part) : html + text(part);
      }
      // Other inline parts without a name (message/delivery-status, text/calendar, ...) carry
      // nothing a person wrote.
    }

    private static boolean isAttachment(final Part part) throws MessagingException {
      return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
          || part.getFileName() != null
          || !(part.isMimeType("text/*") || part.isMimeType("message/*"));
    }

    private static MailAttachment attachment(final Part part, final String fallbackName)
        throws MessagingException, IOException {
      final String name = part.getFileName() == null ? fallbackName : part.getFileName();
      final String type = part.getContentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      try (InputStream in = part.getInputStream()) {
        return new MailAttachment(clean(name), type, in.readAllBytes());
      }
    }

    private static String clean(final String name) {
      return name.replaceAll("[\\r\\n]", " ").strip();
    }

    private static String text(final Part part) throws MessagingException, IOException {
      try {
        final Object content = part.getContent();
        if (content instanceof String text) {
          return text;
        }
      } catch (UnsupportedEncodingException unknownCharset) {
        // Falls through: an unknown charset must not lose the mail, so read it as UTF-8.
      }
      try (InputStream in = part.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static InternetAddress firstAddress(final Address[] addresses) {
    if (addresses == null) {
      return null;
    }
    return Arrays.stream(addresses)
        .filter(InternetAddress.class::isInstance)
        .map(InternetAddress.class::cast)
        .findFirst()
        .orElse(null);
  }

  private static List<String> addresses(final Address[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    return Arrays.stream(addresses)
        .map(a -> a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
        .toList();
  }

  private static String firstMessageId(final String[] header) {
    final List<String> ids = messageIds(header);
    return ids.isEmpty() ? null : ids.get(0);
  }

  private static List<String> messageIds(final String[] header) {
    if (header == null) {
      return List.of();
    }
    final List<String> ids = new ArrayList<>();
    for (final String value : header) {
      final Matcher matcher = MESSAGE_ID.matcher(MimeUtility.unfold(value));
      while (matcher.find()) {
        ids.add(matcher.group());
      }
    }
    return ids;
  }

  private static String stableId(
      final String from, final MimeMessage message, final String subject, final String text) {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      final String date = message.getSentDate() == null ? "" : message.getSentDate().toString();
      for (final String piece : new String[] {from, date, subject, text}) {
        digest.update(piece.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return "<" + HexFormat.of().formatHex(digest.digest()) + "@no-message-id.invalid>";
    } catch (NoSuchAlgorithmException | MessagingException e) {
      throw new IllegalStateException("cannot derive an id for a mail without Message-ID", e);
    }
  }
}
