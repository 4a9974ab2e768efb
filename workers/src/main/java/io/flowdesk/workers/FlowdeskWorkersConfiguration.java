package io.flowdesk.workers;

import io.camunda.client.CamundaClient;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.http.DestinationPolicy;
import io.flowdesk.connectors.http.HttpConnector;
import io.flowdesk.connectors.http.HttpConnectorSettings;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.connectors.rpa.BrowserPool;
import io.flowdesk.connectors.rpa.BrowserPoolConfig;
import io.flowdesk.connectors.rpa.RpaRunSettings;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.approval.ApprovalWorkersConfiguration;
import io.flowdesk.workers.change.ChangeWorkersConfiguration;
import io.flowdesk.workers.chat.ChatNotices;
import io.flowdesk.workers.chat.ChatWorker;
import io.flowdesk.workers.cmdb.CmdbWorkersConfiguration;
import io.flowdesk.workers.etl.EtlWorker;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.incident.IncidentWorkersConfiguration;
import io.flowdesk.workers.knowledge.KnowledgeWorkersConfiguration;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.message.SendMessageWorker;
import io.flowdesk.workers.notify.NotificationWorkersConfiguration;
import io.flowdesk.workers.problem.ProblemWorkersConfiguration;
import io.flowdesk.workers.request.RequestWorkersConfiguration;
import io.flowdesk.workers.rpa.RpaWorker;
import io.flowdesk.workers.sms.SmsAccount;
import io.flowdesk.workers.sms.SmsWorker;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The connector workers as Spring beans, configured from {@link ConnectorProperties}; their
 * {@code @JobWorker} methods are opened by camunda-spring-boot-starter. Chat and HTTP are always
 * there (their destinations come from secrets and the allow-list); mail, SMS, RPA and ETL only once
 * configured. Every secret a worker uses must be bound to its connector and destination in the
 * {@link SecretStore}; the SMTP password to {@code email} and {@code smtp://host:port}. The workers
 * of the incident process ({@link IncidentWorkersConfiguration}), of the approval ({@link
 * ApprovalWorkersConfiguration}), of the change models ({@link ChangeWorkersConfiguration}) and
 * {@code flowdesk:notify} ({@link NotificationWorkersConfiguration}) are always there.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorProperties.class)
@Import({
  DomainConfiguration.class,
  NotificationWorkersConfiguration.class,
  IncidentWorkersConfiguration.class,
  RequestWorkersConfiguration.class,
  ApprovalWorkersConfiguration.class,
  ChangeWorkersConfiguration.class,
  ProblemWorkersConfiguration.class,
  KnowledgeWorkersConfiguration.class,
  CmdbWorkersConfiguration.class
})
public class FlowdeskWorkersConfiguration {

  /**
   * The configured mail server, for the email worker and for the app's own mail to people (e.g.
   * password links).
   */
  @Bean
  @ConditionalOnProperty("flowdesk.connectors.mail.host")
  public MailSender mailSender(final ConnectorProperties properties, final SecretStore secrets) {
    final ConnectorProperties.Mail mail = properties.mail();
    final MailSecurity security =
        Objects.requireNonNullElse(mail.security(), MailSecurity.STARTTLS);
    final int port = mail.port() > 0 ? mail.port() : security == MailSecurity.TLS ? 465 : 587;
    final String host = mail.host();
    MailServer server = MailServer.of(host, port, security);
    if (mail.username() != null && mail.passwordSecret() != null) {
      // Asked on every connect, so a rotated password needs no restart.
      server =
          server.withCredentials(
              mail.username(),
              () -> secrets.resolve(mail.passwordSecret(), EmailWorker.CHANNEL, smtp(host, port)));
    }
    final MailSenderSettings settings =
        new MailSenderSettings(
            server,
            Objects.requireNonNull(mail.from(), "flowdesk.connectors.mail.from is not set"),
            Objects.requireNonNull(
                mail.messageIdDomain(), "flowdesk.connectors.mail.message-id-domain is not set"));
    return new MailSender(settings);
  }

  @Bean
  @ConditionalOnProperty("flowdesk.connectors.mail.host")
  public EmailWorker emailWorker(
      final ConnectorProperties properties,
      final MailSender mailSender,
      final DeliveryLog deliveries) {
    return new EmailWorker(mailSender, deliveries, properties.retryBackoff());
  }

  /** The mail server as a secret destination: {@code smtp://host:port}. */
  private static URI smtp(final String host, final int port) {
    final String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("smtp://" + name + ":" + port);
  }

  @Bean
  @ConditionalOnProperty("flowdesk.connectors.sms.account-sid")
  public SmsWorker smsWorker(
      final ConnectorProperties properties,
      final SecretStore secrets,
      final DeliveryLog deliveries) {
    final ConnectorProperties.Sms sms = properties.sms();
    return new SmsWorker(
        new SmsAccount(
            sms.accountSid(),
            Objects.requireNonNull(
                sms.authTokenSecret(), "flowdesk.connectors.sms.auth-token-secret is not set"),
            sms.from(),
            sms.apiBaseUrl(),
            null),
        secrets,
        deliveries,
        properties.retryBackoff());
  }

  @Bean
  public ChatWorker chatWorker(
      final ConnectorProperties properties,
      final SecretStore secrets,
      final DeliveryLog deliveries) {
    return new ChatWorker(secrets, deliveries, RetryPolicy.DEFAULT, properties.retryBackoff());
  }

  @Bean
  @ConditionalOnProperty("flowdesk.connectors.chat.notifications-webhook-secret")
  public ChatNotices chatNotices(
      final ConnectorProperties properties,
      final SecretStore secrets,
      final DeliveryLog deliveries) {
    return new ChatNotices(
        secrets,
        deliveries,
        RetryPolicy.DEFAULT,
        properties.chat().notificationsPlatform(),
        properties.chat().notificationsWebhookSecret());
  }

  @Bean(destroyMethod = "close")
  public HttpConnector httpConnector(final ConnectorProperties properties) {
    final DestinationPolicy.Builder policy = DestinationPolicy.builder();
    properties.http().allowedHosts().forEach(policy::allowHost);
    properties.http().allowedAddressRanges().forEach(policy::allowAddressRange);
    return new HttpConnector(HttpConnectorSettings.of(policy.build()));
  }

  @Bean
  public HttpWorker httpWorker(
      final ConnectorProperties properties,
      final HttpConnector connector,
      final SecretStore secrets) {
    return new HttpWorker(connector, secrets, properties.retryBackoff());
  }

  /**
   * Camunda's Message Send connector ({@code io.camunda:sendMessage:1}), always there, so that
   * diagrams made with its element template run without a Camunda connectors runtime.
   */
  @Bean
  public SendMessageWorker sendMessageWorker(
      final ConnectorProperties properties, final CamundaClient camunda) {
    return new SendMessageWorker(camunda, properties.retryBackoff());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(value = "flowdesk.connectors.rpa.enabled", havingValue = "true")
  public BrowserPool browserPool(final ConnectorProperties properties) {
    final ConnectorProperties.Rpa rpa = properties.rpa();
    final BrowserPoolConfig config = BrowserPoolConfig.of(Math.max(rpa.maxBrowsers(), 1));
    return new BrowserPool(rpa.chromium() == null ? config : config.withChromium(rpa.chromium()));
  }

  @Bean
  @ConditionalOnProperty(value = "flowdesk.connectors.rpa.enabled", havingValue = "true")
  public RpaWorker rpaWorker(
      final ConnectorProperties properties, final BrowserPool pool, final SecretStore secrets) {
    final Path artifacts =
        Objects.requireNonNullElse(properties.rpa().artifactsDirectory(), Path.of("data/rpa"));
    return new RpaWorker(
        new RpaRunner(pool, RpaRunSettings.of(artifacts)), secrets, properties.retryBackoff());
  }

  /**
   * Always there, so an ETL job never waits for a worker that does not exist: without allowed
   * schemas it refuses configured sources with an incident naming the setting.
   */
  @Bean
  public EtlWorker etlWorker(final ConnectorProperties properties, final DataSource dataSource) {
    return new EtlWorker(
        dataSource, Set.copyOf(properties.etl().allowedSchemas()), properties.retryBackoff());
  }
}
