package io.flowdesk.app.mail;

import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.mailbox.Mailbox;
import io.flowdesk.domain.mailbox.MailboxDraft;
import io.flowdesk.domain.mailbox.Mailboxes;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.mail.EmailWorker;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The local default for mail: without a configured mail server, {@code flowdesk:email} sends to an
 * in-process GreenMail ({@link LocalMailServer}) whose mail the outbox page shows. The workers' own
 * email worker exists only with {@code flowdesk.connectors.mail.host}, so exactly one of the two
 * runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMailServerCondition.class)
class LocalMailConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMailConfiguration.class);

  /** The right-hand side of our Message-IDs when none is configured. */
  private static final String DEFAULT_MESSAGE_ID_DOMAIN = "localhost";

  /** The name of the local service desk's mailbox at /admin/mailboxes. */
  static final String LOCAL_MAILBOX = "servicedesk";

  @Bean(destroyMethod = "close")
  LocalMailServer localMailServer(final LocalMailProperties properties) {
    final LocalMailServer server =
        LocalMailServer.start(properties.localSmtpPort(), properties.localImapPort());
    LOG.warn(
        "No mail server configured (flowdesk.connectors.mail.host): mail goes to the local mail"
            + " server (SMTP {}:{}, IMAP {}:{}), is kept in memory and never leaves this machine;"
            + " see /admin/outbox",
        server.host(),
        server.smtpPort(),
        server.host(),
        server.imapPort());
    return server;
  }

  /** The local mail server as the app's mail server: the email worker's and the app's own mail. */
  @Bean
  MailSender localMailSender(final LocalMailServer server, final ConnectorProperties connectors) {
    final ConnectorProperties.Mail mail = connectors.mail();
    return new MailSender(
        new MailSenderSettings(
            MailServer.of(server.host(), server.smtpPort(), MailSecurity.NONE),
            Objects.requireNonNullElse(mail.from(), LocalMailServer.DEFAULT_FROM),
            Objects.requireNonNullElse(mail.messageIdDomain(), DEFAULT_MESSAGE_ID_DOMAIN)));
  }

  /**
   * The local service desk mailbox ({@value LocalMailServer#SERVICE_DESK}) as a mailbox of
   * email-to-ticket, so mail to it opens incidents out of the box; made at the first start, and
   * pointed at this start's IMAP port later (an admin's other changes stay).
   */
  @Bean
  ApplicationRunner localServiceDeskMailbox(
      final LocalMailServer server, final ObjectProvider<Mailboxes> stored) {
    return arguments -> {
      // Without the domain's stores (a context of the mail parts alone) there is nothing to set up.
      final Mailboxes mailboxes = stored.getIfAvailable();
      if (mailboxes == null) {
        return;
      }
      final Optional<Mailbox> existing = mailboxes.findByName(LOCAL_MAILBOX);
      mailboxes.save(
          new MailboxDraft(
              LOCAL_MAILBOX,
              LocalMailServer.SERVICE_DESK,
              server.host(),
              server.imapPort(),
              "NONE",
              LocalMailServer.SERVICE_DESK,
              null,
              "INBOX",
              LocalMailServer.PROCESSED_FOLDER,
              existing.map(Mailbox::kind).orElse(Mailbox.MailboxKind.INCIDENT),
              existing
                  .map(Mailbox::unknownSenders)
                  .orElse(Mailbox.UnknownSenders.REPLY_WITH_INSTRUCTIONS),
              existing.map(Mailbox::reopenOnReply).orElse(true),
              existing.map(Mailbox::enabled).orElse(true)));
      LOG.info(
          "Mail to {} opens incidents (mailbox '{}', /admin/mailboxes)",
          LocalMailServer.SERVICE_DESK,
          LOCAL_MAILBOX);
    };
  }

  @Bean
  EmailWorker localEmailWorker(
      final MailSender localMailSender,
      final ConnectorProperties connectors,
      final DeliveryLog deliveries) {
    return new EmailWorker(localMailSender, deliveries, connectors.retryBackoff());
  }
}
