package io.flowdesk.app.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound webhooks ({@code flowdesk.webhooks.*}).
 *
 * @param allowHttp whether plain http:// URLs may be subscribed (tests, local receivers); https
 *     only otherwise
 * @param allowedAddressRanges CIDR ranges a webhook may reach although the SSRF guard refuses them
 *     (loopback, private networks), e.g. {@code 127.0.0.1/32} for a receiver on the same machine
 * @param timeout how long one attempt may take to connect and to answer
 * @param maxAttempts attempts before a delivery is dead
 * @param initialBackoff wait after the first failed attempt, doubled after each further one
 * @param maxBackoff longest wait between attempts
 * @param batchSize deliveries sent per run of the job
 * @param cron when the job runs (Quartz cron, seconds first)
 */
@ConfigurationProperties("flowdesk.webhooks")
public record WebhookProperties(
    boolean allowHttp,
    List<String> allowedAddressRanges,
    Duration timeout,
    Integer maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Integer batchSize,
    String cron) {

  public WebhookProperties {
    allowedAddressRanges = allowedAddressRanges == null ? List.of() : allowedAddressRanges;
    timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(10));
    maxAttempts = Objects.requireNonNullElse(maxAttempts, 8);
    initialBackoff = Objects.requireNonNullElse(initialBackoff, Duration.ofSeconds(30));
    maxBackoff = Objects.requireNonNullElse(maxBackoff, Duration.ofHours(6));
    batchSize = Objects.requireNonNullElse(batchSize, 50);
    cron = Objects.requireNonNullElse(cron, "0/10 * * * * ?");
  }
}
