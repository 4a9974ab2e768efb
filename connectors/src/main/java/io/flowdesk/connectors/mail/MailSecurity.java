package io.flowdesk.connectors.mail;

/** How the connection to a mail server is protected. */
public enum MailSecurity {
  /** Plain text on the wire; only for servers on a trusted network or on this machine. */
  NONE,
  /**
   * Plain connect, then the STARTTLS upgrade, which is required: a server that does not offer it is
   * an error, never a silent fall-back to plain text.
   */
  STARTTLS,
  /** TLS from the first byte (SMTPS on 465, IMAPS on 993). */
  TLS
}
