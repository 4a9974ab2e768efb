package io.flowdesk.connectors.mail;

/** What an inbound mail is, decided from its headers and structure before any handler sees it. */
public enum InboundMailKind {
  /** Written by a person: work for the service desk. */
  MESSAGE,
  /**
   * Sent by a machine on someone's behalf: out-of-office, autoresponder, list or bulk mail
   * (Auto-Submitted, X-Autoreply, Precedence: bulk/auto_reply/list, X-Auto-Response-Suppress).
   */
  AUTO_REPLY,
  /**
   * A delivery failure report: multipart/report; report-type=delivery-status, or sent by
   * MAILER-DAEMON/postmaster.
   */
  BOUNCE
}
