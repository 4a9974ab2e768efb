package io.flowdesk.connectors.mail;

/**
 * The caller's side of {@link MailboxPoller#poll}: turns one mail into work and commits it. A mail
 * counts as processed only when the method returns; an exception leaves it in the mailbox for the
 * next poll.
 *
 * <p>Auto-replies and bounces arrive at their own methods, never at {@link #onMessage}; by default
 * they are acknowledged and nothing else happens.
 */
public interface InboundMailHandler {

  /** A mail written by a person. */
  void onMessage(InboundMail mail) throws Exception;

  /** An out-of-office or other machine-sent reply; not work. */
  default void onAutoReply(final InboundMail mail) throws Exception {}

  /** A delivery failure report for a mail we sent; not work. */
  default void onBounce(final InboundMail mail) throws Exception {}
}
