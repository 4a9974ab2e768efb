package io.flowdesk.connectors.mail;

/**
 * The Message-IDs of inbound mails already handled: the guard against handling one mail twice.
 *
 * <p>The mailbox flag alone cannot be that guard: the handler may commit and the connection drop
 * before the flag is set, and the same mail may arrive twice (to two polled addresses, or
 * redelivered). Implementations must therefore be <b>durable</b> and shared by all pollers of a
 * deployment, e.g. a table with the Message-ID as unique key. The strongest form records the id in
 * the same transaction as the handler's work and makes {@link #add} an idempotent insert.
 *
 * <p>{@link MailboxPoller} calls {@link #contains} before the handler and {@link #add} after the
 * handler returned and before it flags the mail in the mailbox.
 */
public interface ProcessedMailIds {

  /** Whether a mail with this Message-ID was handled before. */
  boolean contains(String messageId);

  /** Records a handled mail; calling it again for the same id must do nothing. */
  void add(String messageId);
}
