package io.flowdesk.workers.notify;

import io.flowdesk.domain.notification.RenderedNotification;

/**
 * What a notification says, whichever channel carries it.
 *
 * @param recordToken the record it is about (e.g. {@code REQ0000042}), or null
 * @param mailOnly what only the mail adds (e.g. an approval's reply code, which must not reach a
 *     shared chat channel), or null
 * @param html the mail's HTML part, already sanitised, or null for a text-only mail
 * @param complete whether the text is the whole message (a rendered template with its own greeting
 *     and link); otherwise the mail adds a greeting and the record's portal link around it
 */
public record Notice(
    String subject,
    String text,
    String recordToken,
    String mailOnly,
    String html,
    boolean complete) {

  /** A notice that says the same on every channel. */
  public Notice(final String subject, final String text, final String recordToken) {
    this(subject, text, recordToken, null);
  }

  /** A plain notice whose mail adds {@code mailOnly}. */
  public Notice(
      final String subject, final String text, final String recordToken, final String mailOnly) {
    this(subject, text, recordToken, mailOnly, null, false);
  }

  /** A rendered notification template: its text already greets and links. */
  static Notice rendered(
      final RenderedNotification rendered,
      final String recordToken,
      final String mailOnly,
      final String sanitisedHtml) {
    return new Notice(
        rendered.subject(), rendered.text(), recordToken, mailOnly, sanitisedHtml, true);
  }

  /** The SMS form: short, the record and the subject only (the full text is in mail and portal). */
  String sms() {
    return recordToken == null ? subject : "[" + recordToken + "] " + subject;
  }
}
