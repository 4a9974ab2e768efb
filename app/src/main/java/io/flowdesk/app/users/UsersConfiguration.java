package io.flowdesk.app.users;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Password links ({@code flowdesk.security.password-link-validity}, 24 hours by default). */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

  @Bean
  PasswordLinks passwordLinks(
      final JdbcClient jdbc,
      final Clock clock,
      @Value("${flowdesk.security.password-link-validity:24h}") final Duration validity) {
    return new PasswordLinks(jdbc, clock, validity);
  }

  /**
   * Mails "Forgot password?" links after the answer went out; a small bounded queue, since the
   * throttle already bounds how many requests send anything.
   */
  @Bean
  ThreadPoolTaskExecutor passwordMailExecutor() {
    final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("password-mail-");
    executor.setCorePoolSize(1);
    executor.setMaxPoolSize(2);
    executor.setQueueCapacity(100);
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(10);
    return executor;
  }

  @Bean
  PasswordResetThrottle passwordResetThrottle(final JdbcClient jdbc, final Clock clock) {
    return new PasswordResetThrottle(jdbc, clock);
  }
}
