package io.flowdesk.workers;

import io.flowdesk.connectors.mail.MailSecurity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connector settings under {@code flowdesk.connectors.*} (environment: {@code
 * FLOWDESK_CONNECTORS_MAIL_HOST} etc.). Passwords and tokens are never set here, only the names of
 * secrets in the secret store.
 *
 * @param retryBackoff how long a failed job waits before its retry when the peer did not say
 */
@ConfigurationProperties("flowdesk.connectors")
public record ConnectorProperties(
    Duration retryBackoff, Mail mail, Sms sms, Http http, Rpa rpa, Etl etl, Chat chat) {

  public ConnectorProperties {
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(30) : retryBackoff;
    mail = mail == null ? new Mail(null, 0, null, null, null, null, null) : mail;
    sms = sms == null ? new Sms(null, null, null, null) : sms;
    http = http == null ? new Http(null, null) : http;
    rpa = rpa == null ? new Rpa(false, null, 0, null) : rpa;
    etl = etl == null ? new Etl(null) : etl;
    chat = chat == null ? new Chat(null, null) : chat;
  }

  /**
   * SMTP for {@code flowdesk:email}; the worker exists only when {@code host} is set.
   *
   * @param passwordSecret the secret holding the SMTP password; none for servers without login
   * @param messageIdDomain the domain of our Message-IDs, e.g. {@code flowdesk.example.com}
   */
  public record Mail(
      String host,
      int port,
      MailSecurity security,
      String username,
      String passwordSecret,
      String from,
      String messageIdDomain) {}

  /**
   * Twilio for {@code flowdesk:sms}; the worker exists only when {@code accountSid} is set.
   *
   * @param apiBaseUrl null for Twilio itself
   */
  public record Sms(String accountSid, String authTokenSecret, String from, URI apiBaseUrl) {}

  /**
   * The SSRF guard of {@code flowdesk:http}: nothing is allowed unless listed.
   *
   * @param allowedHosts exact names, {@code *.example.com}, or {@code *} for every name
   * @param allowedAddressRanges CIDR ranges allowed although internal (e.g. a CMDB at 10.1.2.3/32)
   */
  public record Http(List<String> allowedHosts, List<String> allowedAddressRanges) {
    public Http {
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
      allowedAddressRanges =
          allowedAddressRanges == null ? List.of() : List.copyOf(allowedAddressRanges);
    }
  }

  /** Browser RPA for {@code flowdesk:rpa}; off unless {@code enabled} (it starts Chromium). */
  public record Rpa(boolean enabled, Path chromium, int maxBrowsers, Path artifactsDirectory) {}

  /**
   * {@code flowdesk:etl} loads into the application's database, into these schemas only; the worker
   * exists only when at least one is listed.
   */
  public record Etl(List<String> allowedSchemas) {
    public Etl {
      allowedSchemas = allowedSchemas == null ? List.of() : List.copyOf(allowedSchemas);
    }
  }

  /**
   * Personal chat notices; they exist only when {@code notificationsWebhookSecret} is set.
   *
   * @param notificationsWebhookSecret the secret (bound to connector {@code chat}) holding the
   *     webhook URL of the channel where people are mentioned
   * @param notificationsPlatform {@code slack} (default) or {@code teams}
   */
  public record Chat(String notificationsWebhookSecret, String notificationsPlatform) {}
}
