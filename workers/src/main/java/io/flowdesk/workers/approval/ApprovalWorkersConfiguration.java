package io.flowdesk.workers.approval;

import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.workers.ConnectorProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workers of process {@code flowdesk-approval} on the domain's {@link Approvals} and {@link
 * Directory}; time from the application's {@link Clock} when it has one. Mails link to the approval
 * at {@code flowdesk.public-url} (default {@code http://localhost:8080}).
 */
@Configuration(proxyBeanMethods = false)
public class ApprovalWorkersConfiguration {

  private static Clock clock(final ObjectProvider<Clock> clock) {
    return clock.getIfUnique(Clock::systemUTC);
  }

  @Bean
  public FindApproversWorker findApproversWorker(
      final Approvals approvals,
      final Directory directory,
      @Value("${flowdesk.public-url:}") final String publicUrl,
      final ConnectorProperties properties) {
    // Unset (the local default) or blank in application.yml: links for a browser on this machine.
    final String portalUrl = publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
    return new FindApproversWorker(approvals, directory, portalUrl, properties.retryBackoff());
  }

  @Bean
  public ApprovalExpiryWorker approvalExpiryWorker(
      final Approvals approvals,
      final Directory directory,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new ApprovalExpiryWorker(approvals, directory, clock(clock), properties.retryBackoff());
  }

  @Bean
  public ConcludeApprovalWorker concludeApprovalWorker(
      final Approvals approvals,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new ConcludeApprovalWorker(approvals, clock(clock), properties.retryBackoff());
  }
}
