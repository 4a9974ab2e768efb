package io.flowdesk.app.mfa;

import io.flowdesk.app.security.LoginThrottle;
import io.flowdesk.app.users.SessionTermination;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.secret.SecretCipher;
import io.flowdesk.domain.secret.SecretKey;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Two-factor sign-in's parts; the filter chains take {@link SecondFactorSignIn} and the gate. */
@Configuration(proxyBeanMethods = false)
class SecondFactorConfiguration {

  @Bean
  SecondFactors secondFactors(
      final JdbcClient jdbc,
      final SecretKey key,
      final TransactionTemplate transactions,
      final Clock clock) {
    return new SecondFactors(jdbc, new SecretCipher(key), transactions, clock);
  }

  @Bean
  RememberedDevices rememberedDevices(
      final JdbcClient jdbc, final Directory directory, final Clock clock) {
    return new RememberedDevices(jdbc, directory, clock);
  }

  /**
   * @param requiredRoles {@code flowdesk.security.mfa.required-roles}
   *     (FLOWDESK_SECURITY_MFA_REQUIRED_ROLES); empty for nobody
   */
  @Bean
  SecondFactorPolicy secondFactorPolicy(
      @Value(
              "${flowdesk.security.mfa.required-roles:"
                  + SecondFactorPolicy.DEFAULT_REQUIRED_ROLES
                  + "}")
          final String requiredRoles) {
    return new SecondFactorPolicy(requiredRoles);
  }

  @Bean
  SecondFactorThrottle secondFactorThrottle(final LoginThrottle throttle) {
    return new SecondFactorThrottle(throttle);
  }

  @Bean
  SecondFactorSignIn secondFactorSignIn(
      final SecondFactors factors,
      final RememberedDevices devices,
      final SecondFactorPolicy policy,
      final Clock clock) {
    return new SecondFactorSignIn(factors, devices, policy, clock);
  }

  @Bean
  SecondFactorReset secondFactorReset(
      final SecondFactors factors,
      final Directory directory,
      final ApplicationEventPublisher events,
      final TransactionTemplate transactions,
      final SessionTermination sessions) {
    return new SecondFactorReset(factors, directory, events, transactions, sessions);
  }
}
