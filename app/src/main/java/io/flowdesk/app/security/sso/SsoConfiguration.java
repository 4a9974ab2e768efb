package io.flowdesk.app.security.sso;

import io.flowdesk.domain.directory.Directory;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Single sign-on beside local accounts: OpenID Connect when {@code
 * flowdesk.security.oidc.issuer-uri} is set. Without it, no such sign-in exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OidcProperties.class, LdapProperties.class})
class SsoConfiguration {

  @Bean
  ExternalPeople externalPeople(
      final Directory directory,
      final JdbcClient jdbc,
      final PlatformTransactionManager transactions,
      final ApplicationEventPublisher events,
      final Clock clock) {
    return new ExternalPeople(directory, jdbc, transactions, events, clock);
  }

  @Bean
  @ConditionalOnProperty("flowdesk.security.oidc.issuer-uri")
  OidcSignIn oidcSignIn(final OidcProperties properties, final ExternalPeople people) {
    if (properties.getClientId() == null || properties.getClientId().isBlank()) {
      throw new IllegalStateException(
          "flowdesk.security.oidc.issuer-uri is set but flowdesk.security.oidc.client-id is not:"
              + " set both (and client-secret) to sign in with OpenID Connect");
    }
    return new OidcSignIn(properties, people);
  }

  @Bean
  @ConditionalOnProperty("flowdesk.security.ldap.url")
  LdapSignIn ldapSignIn(final LdapProperties properties, final ExternalPeople people) {
    return new LdapSignIn(properties, people);
  }
}
