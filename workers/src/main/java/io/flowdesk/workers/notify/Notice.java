package io.flowdesk.workers.notify;

/**
 * What a notification says, whichever channel carries it.
 *
 * @param recordToken the record it is about (e.g. {@code REQ0000042}), or null
 */
public record Notice(String subject, String text, String recordToken) {

  /** The SMS form: short, the record and the subject only (the full text is in mail and portal). */
  String sms() {
    return recordToken == null ? subject : "[" + recordToken + "] " + subject;
  }
}
