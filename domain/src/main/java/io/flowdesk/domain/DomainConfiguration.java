package io.flowdesk.domain;

import io.flowdesk.domain.approval.ApprovalReplyCodes;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.delivery.DeliveryOutcomes;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Recipients;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailboxes;
import io.flowdesk.domain.notification.NotificationOutbox;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.domain.privacy.Pseudonymisation;
import io.flowdesk.domain.record.OwnRecords;
import io.flowdesk.domain.record.SavedFilters;
import io.flowdesk.domain.report.OpenIncidents;
import io.flowdesk.domain.report.ReportRollup;
import io.flowdesk.domain.report.ServiceReports;
import io.flowdesk.domain.secret.SecretKey;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.domain.webhook.WebhookDeliveries;
import io.flowdesk.domain.webhook.WebhookOutbox;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The domain's Spring beans on the application's {@link DataSource}. Migrates schema {@code domain}
 * before anything uses it. The secrets key comes from {@code flowdesk.secrets.key} (environment
 * {@code FLOWDESK_SECRETS_KEY}); only when that is empty a key file ({@code
 * flowdesk.secrets.key-file}, set by the local default configuration) is read or generated.
 *
 * <p>The records run in the application's transaction manager when there is exactly one (with JPA
 * on the classpath, Spring Boot's {@code JpaTransactionManager}, which shares its JDBC connection),
 * so a caller's surrounding transaction is joined; otherwise in their own JDBC transactions.
 */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

  /** A marker that the schema is migrated; the stores depend on it. */
  public record DomainSchemaReady() {}

  @Bean
  public DomainSchemaReady domainSchemaReady(final DataSource dataSource) {
    DomainSchema.migrate(dataSource);
    return new DomainSchemaReady();
  }

  @Bean
  public SecretKey flowdeskSecretKey(
      @Value("${flowdesk.secrets.key:}") final String key,
      @Value("${flowdesk.secrets.key-file:}") final String keyFile) {
    if (!key.isBlank()) {
      return SecretKey.fromBase64(key);
    }
    if (!keyFile.isBlank()) {
      return SecretKey.fromFile(Path.of(keyFile));
    }
    throw new IllegalStateException(
        "no secrets key: set FLOWDESK_SECRETS_KEY to 32 random bytes in base64"
            + " (e.g. `openssl rand -base64 32`)");
  }

  @Bean
  public SecretStore secretStore(
      final DataSource dataSource, final SecretKey key, final DomainSchemaReady ready) {
    return new SecretStore(dataSource, key);
  }

  @Bean
  public DeliveryLog deliveryLog(
      final DataSource dataSource,
      final DomainSchemaReady ready,
      final ObjectProvider<DeliveryOutcomes> outcomes) {
    return new DeliveryLog(dataSource, outcomes.getIfUnique(() -> DeliveryOutcomes.NONE));
  }

  @Bean
  public ReportRollup reportRollup(final DataSource dataSource, final DomainSchemaReady ready) {
    return new ReportRollup(dataSource);
  }

  @Bean
  public OpenIncidents openIncidents(final DataSource dataSource, final DomainSchemaReady ready) {
    return new OpenIncidents(dataSource);
  }

  @Bean
  public IncidentRecords incidentRecords(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final DomainSchemaReady ready) {
    return new IncidentRecords(dataSource, transactions(dataSource, transactionManager));
  }

  @Bean
  public ServiceReports serviceReports(final DataSource dataSource, final DomainSchemaReady ready) {
    return new ServiceReports(dataSource);
  }

  @Bean
  public SavedFilters savedFilters(final DataSource dataSource, final DomainSchemaReady ready) {
    return new SavedFilters(dataSource);
  }

  @Bean
  public Directory directory(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final DomainSchemaReady ready) {
    return new Directory(dataSource, transactions(dataSource, transactionManager));
  }

  @Bean
  public NotificationPreferences notificationPreferences(
      final DataSource dataSource, final DomainSchemaReady ready) {
    return new NotificationPreferences(dataSource);
  }

  @Bean
  public NotificationTemplates notificationTemplates(
      final DataSource dataSource,
      final ObjectProvider<Clock> clock,
      final DomainSchemaReady ready) {
    return new NotificationTemplates(dataSource, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  public NotificationOutbox notificationOutbox(
      final DataSource dataSource, final DomainSchemaReady ready) {
    return new NotificationOutbox(dataSource);
  }

  @Bean
  public Recipients recipients(
      final Directory directory, final NotificationPreferences preferences) {
    return new Recipients(directory, preferences);
  }

  @Bean
  public Pseudonymisation pseudonymisation(
      final DataSource dataSource, final DomainSchemaReady ready) {
    return new Pseudonymisation(dataSource);
  }

  @Bean
  public Approvals approvals(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final DomainSchemaReady ready) {
    return new Approvals(dataSource, transactions(dataSource, transactionManager));
  }

  @Bean
  public ServiceLevels serviceLevels(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final DomainSchemaReady ready) {
    return new ServiceLevels(dataSource, transactions(dataSource, transactionManager));
  }

  @Bean
  public ApprovalReplyCodes approvalReplyCodes(final SecretKey key) {
    return new ApprovalReplyCodes(key);
  }

  @Bean
  public Mailboxes mailboxes(final DataSource dataSource, final DomainSchemaReady ready) {
    return new Mailboxes(dataSource);
  }

  @Bean
  public InboundMails inboundMails(final DataSource dataSource, final DomainSchemaReady ready) {
    return new InboundMails(dataSource);
  }

  @Bean
  public OwnRecords ownRecords(final DataSource dataSource, final DomainSchemaReady ready) {
    return new OwnRecords(dataSource);
  }

  // Outbound webhooks (issue 21).
  @Bean
  public WebhookSubscriptions webhookSubscriptions(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final SecretStore secrets,
      final DomainSchemaReady ready) {
    return new WebhookSubscriptions(
        dataSource, transactions(dataSource, transactionManager), secrets);
  }

  @Bean
  public WebhookOutbox webhookOutbox(
      final DataSource dataSource,
      final ObjectProvider<PlatformTransactionManager> transactionManager,
      final WebhookSubscriptions subscriptions) {
    return new WebhookOutbox(
        dataSource, transactions(dataSource, transactionManager), subscriptions);
  }

  @Bean
  public WebhookDeliveries webhookDeliveries(
      final DataSource dataSource, final DomainSchemaReady ready) {
    return new WebhookDeliveries(dataSource);
  }

  private static PlatformTransactionManager transactions(
      final DataSource dataSource, final ObjectProvider<PlatformTransactionManager> available) {
    return available.getIfUnique(() -> new DataSourceTransactionManager(dataSource));
  }
}
