package io.flowdesk.app.apitoken;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The token store and the per-token rate limit ({@code flowdesk.api.token-rate-limit.*}). */
@Configuration(proxyBeanMethods = false)
class PersonalTokensConfiguration {

  /** Time for expiry, last use and rate limits; tests put a clock they can stop in its place. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  PersonalTokens personalTokens(final JdbcClient jdbc, final Clock clock) {
    return new PersonalTokens(jdbc, clock);
  }

  @Bean
  TokenRateLimiter tokenRateLimiter(
      @Value("${flowdesk.api.token-rate-limit.per-second:20}") final double perSecond,
      @Value("${flowdesk.api.token-rate-limit.burst:40}") final int burst,
      final Clock clock) {
    return new TokenRateLimiter(perSecond, burst, clock);
  }
}
