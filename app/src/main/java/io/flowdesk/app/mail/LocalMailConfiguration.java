package io.flowdesk.app.mail;

import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.mail.EmailWorker;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  @Bean
  EmailWorker localEmailWorker(
      final MailSender localMailSender,
      final ConnectorProperties connectors,
      final DeliveryLog deliveries) {
    return new EmailWorker(localMailSender, deliveries, connectors.retryBackoff());
  }
}
