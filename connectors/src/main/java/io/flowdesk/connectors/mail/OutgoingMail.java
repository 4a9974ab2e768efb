package io.flowdesk.connectors.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One mail to send. Build it with {@link #builder()}.
 *
 * @param token the record this mail belongs to (e.g. {@code INC0001234}), put into the Message-ID
 *     and the subject; {@code null} for mail that belongs to no record
 * @param inReplyTo the Message-ID this mail answers, so that clients thread it; may be null
 * @param references the thread's Message-IDs, oldest first
 * @param html an HTML body; with a text body both go out as multipart/alternative
 */
public record OutgoingMail(
    List<String> to,
    List<String> cc,
    List<String> bcc,
    List<String> replyTo,
    String subject,
    String text,
    String html,
    List<MailAttachment> attachments,
    String token,
    String inReplyTo,
    List<String> references) {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");

  public OutgoingMail {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    replyTo = List.copyOf(replyTo);
    attachments = List.copyOf(attachments);
    references = List.copyOf(references);
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw new IllegalArgumentException("mail has no recipient (to, cc and bcc are empty)");
    }
    MailAddresses.parseAll(to, "to");
    MailAddresses.parseAll(cc, "cc");
    MailAddresses.parseAll(bcc, "bcc");
    MailAddresses.parseAll(replyTo, "reply-to");
    if (subject == null) {
      throw new IllegalArgumentException("mail has no subject");
    }
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("mail subject contains a line break: '" + subject + "'");
    }
    if (text == null && html == null) {
      throw new IllegalArgumentException("mail '" + subject + "' has neither text nor HTML body");
    }
    if (token != null) {
      MailWatermark.requireToken(token);
    }
    if (inReplyTo != null) {
      requireMessageId(inReplyTo, "in-reply-to");
    }
    references.forEach(id -> requireMessageId(id, "references"));
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireMessageId(final String id, final String field) {
    if (!MESSAGE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          field + " value '" + id + "' is not a Message-ID of the form <local@domain>");
    }
  }

  /** Collects the parts of an {@link OutgoingMail}; {@link #build()} checks them. */
  public static final class Builder {
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();
    private final List<String> bcc = new ArrayList<>();
    private final List<String> replyTo = new ArrayList<>();
    private final List<MailAttachment> attachments = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private String subject;
    private String text;
    private String html;
    private String token;
    private String inReplyTo;

    private Builder() {}

    public Builder to(final String... addresses) {
      to.addAll(List.of(addresses));
      return this;
    }

    public Builder cc(final String... addresses) {
      cc.addAll(List.of(addresses));
      return this;
    }

    public Builder bcc(final String... addresses) {
      bcc.addAll(List.of(addresses));
      return this;
    }

    public Builder replyTo(final String... addresses) {
      replyTo.addAll(List.of(addresses));
      return this;
    }

    public Builder subject(final String subject) {
      this.subject = subject;
      return this;
    }

    public Builder text(final String text) {
      this.text = text;
      return this;
    }

    public Builder html(final String html) {
      this.html = html;
      return this;
    }

    public Builder attachment(final MailAttachment attachment) {
      attachments.add(attachment);
      return this;
    }

    public Builder token(final String token) {
      this.token = token;
      return this;
    }

    /**
     * Threads this mail under another: In-Reply-To becomes its Message-ID and References its
     * references followed by it.
     */
    public Builder replyingTo(final String messageId, final List<String> itsReferences) {
      this.inReplyTo = messageId;
      references.clear();
      references.addAll(itsReferences);
      references.add(messageId);
      return this;
    }

    public Builder inReplyTo(final String messageId) {
      this.inReplyTo = messageId;
      return this;
    }

    public Builder references(final List<String> messageIds) {
      references.clear();
      references.addAll(messageIds);
      return this;
    }

    public OutgoingMail build() {
      return new OutgoingMail(
          to, cc, bcc, replyTo, subject, text, html, attachments, token, inReplyTo, references);
    }
  }
}
