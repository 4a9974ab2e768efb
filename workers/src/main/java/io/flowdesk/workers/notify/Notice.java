package io.flowdesk.workers.notify;

/**
 * What a notification says, whichever channel carries it.
 *
 * @param recordToken the record it is about (e.g. {@code REQ0000042}), or null
 * @param mailOnly what only the mail adds (e.g. an approval's reply code, which must not reach a
 *     shared chat channel), or null
 */
public record Notice(String subject, String text, String recordToken, String mailOnly) {

  /** A notice that says the same on every channel. */
  public Notice(final String subject, final String text, final String recordToken) {
    this(subject, text, recordToken, null);
  }

  /** The SMS form: short, the record and the subject only (the full text is in mail and portal). */
  String sms() {
    return recordToken == null ? subject : "[" + recordToken + "] " + subject;
  }
}
