package io.flowdesk.app.mailbox;

import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.mail.InboundMail;
import io.flowdesk.connectors.mail.InboundMailHandler;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.connectors.mail.MailboxPoller;
import io.flowdesk.connectors.mail.MailboxSettings;
import io.flowdesk.connectors.mail.PollReport;
import io.flowdesk.connectors.mail.ProcessedMailIds;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailbox;
import io.flowdesk.domain.mailbox.Mailboxes;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.mail.EmailWorker;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Reads the configured mailboxes with the connectors' {@link MailboxPoller} and hands each mail to
 * {@link MailToTicket}; a poll that read mail is followed at once by another (up to {@value
 * #MAX_POLLS_IN_A_ROW} in a row). A mailbox that cannot be read does not keep the others from being
 * read; its error is kept on the mailbox for the admin page, and so are the mails that could not be
 * read.
 */
@Service
public class MailboxPolling {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPolling.class);
  private static final String LOCAL_DOMAIN = "localhost";

  /** Polls of one mailbox in a row at most, while each reads mail. */
  static final int MAX_POLLS_IN_A_ROW = 10;

  private final Mailboxes mailboxes;
  private final InboundMails inboundMails;
  private final MailToTicket mailToTicket;
  private final SecretStore secrets;
  private final ObjectProvider<MailSender> sender;
  private final Clock clock;
  private final int maxMailsPerPoll;

  MailboxPolling(
      final Mailboxes mailboxes,
      final InboundMails inboundMails,
      final MailToTicket mailToTicket,
      final SecretStore secrets,
      final ObjectProvider<MailSender> sender,
      final Clock clock,
      @Value("${flowdesk.mailboxes.max-mails-per-poll:50}") final int maxMailsPerPoll) {
    this.mailboxes = mailboxes;
    this.inboundMails = inboundMails;
    this.mailToTicket = mailToTicket;
    this.secrets = secrets;
    this.sender = sender;
    this.clock = clock;
    this.maxMailsPerPoll = maxMailsPerPoll;
  }

  /** Reads every enabled mailbox once. */
  public void pollAll() {
    for (final Mailbox mailbox : mailboxes.list()) {
      if (mailbox.enabled()) {
        poll(mailbox);
      }
    }
  }

  /**
   * Reads one mailbox: once, and again at once while a poll reads mail.
   *
   * @return what the poll did, or empty when the mailbox could not be read (its error is kept)
   */
  public Optional<PollReport> poll(final Mailbox mailbox) {
    try {
      final MailboxPoller poller =
          new MailboxPoller(settings(mailbox), new DurableIds(inboundMails));
      final InboundMailHandler handler = handler(mailbox);
      PollReport last = poller.poll(handler);
      PollReport report = last;
      String error = keepFailures(mailbox, last);
      // While mail flows it is read as it comes (what arrived during a poll, or the rest of a full
      // batch) rather than at the schedule's next run, a minute away by default; a bounded number
      // of times, so that one mailbox keeps neither the others nor the Quartz thread for long.
      for (int polls = 1; polls < MAX_POLLS_IN_A_ROW && readMail(last); polls++) {
        last = poller.poll(handler);
        report = report.plus(last);
        error = keepFailures(mailbox, last);
      }
      mailboxes.polled(mailbox.id(), clock.instant(), error);
      return Optional.of(report);
    } catch (ConnectorException | IllegalArgumentException | IllegalStateException e) {
      LOG.warn("Mailbox {} could not be read: {}", mailbox.name(), e.getMessage());
      mailboxes.polled(mailbox.id(), clock.instant(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Lists the mails set aside on the admin page.
   *
   * @return the mailbox's error: a mail left for the next poll, or null
   */
  private String keepFailures(final Mailbox mailbox, final PollReport report) {
    String error = null;
    for (final PollReport.Failure failure : report.failures()) {
      if (failure.setAside()) {
        inboundMails.failed(
            mailbox.id(), failure.messageId(), failure.subject(), reason(failure.cause()));
      } else {
        error =
            "mail " + failure.messageId() + " stays for the next poll: " + reason(failure.cause());
      }
    }
    return error;
  }

  /** Whether the poll read mail and left none behind (a failing handler is not hammered). */
  private static boolean readMail(final PollReport report) {
    return report.read() > 0 && !report.leftMailBehind();
  }

  private InboundMailHandler handler(final Mailbox mailbox) {
    return new InboundMailHandler() {
      @Override
      public void onMessage(final InboundMail mail) {
        mailToTicket.onMessage(mailbox, mail);
      }

      @Override
      public void onAutoReply(final InboundMail mail) {
        mailToTicket.onAutoReply(mailbox, mail);
      }

      @Override
      public void onBounce(final InboundMail mail) {
        mailToTicket.onBounce(mailbox, mail);
      }
    };
  }

  private MailboxSettings settings(final Mailbox mailbox) {
    final MailServer server =
        MailServer.of(mailbox.host(), mailbox.port(), MailSecurity.valueOf(mailbox.security()))
            .withCredentials(
                mailbox.username(),
                () ->
                    mailbox.passwordSecret() == null
                        ? new char[0]
                        : secrets.resolve(
                            mailbox.passwordSecret(),
                            EmailWorker.CHANNEL,
                            URI.create("imap://" + mailbox.host() + ":" + mailbox.port())));
    final MailSender ours = sender.getIfUnique();
    return new MailboxSettings(
        server,
        mailbox.folder(),
        mailbox.processedFolder(),
        maxMailsPerPoll,
        ours == null ? LOCAL_DOMAIN : ours.messageIdDomain());
  }

  private static String reason(final Exception cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /**
   * The poller's guard against doing a mail twice, over {@code domain.inbound_mail}: the handler
   * itself records each mail in the transaction of its work, so adding here only covers a mail the
   * handler recorded nothing for.
   */
  private record DurableIds(InboundMails mails) implements ProcessedMailIds {
    @Override
    public boolean contains(final String messageId) {
      return mails.handled(messageId);
    }

    @Override
    public void add(final String messageId) {
      mails.record(messageId, null, "", "", "HANDLED", null, null, false);
    }
  }
}
