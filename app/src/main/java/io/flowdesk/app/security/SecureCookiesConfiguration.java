package io.flowdesk.app.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link SecureCookies} in front of Tomcat's cookie processor. */
@Configuration(proxyBeanMethods = false)
class SecureCookiesConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> secureCookies(
      @Value("${flowdesk.security.cookie-secure:auto}") final String secure) {
    final SecureCookies.Mode mode = SecureCookies.Mode.of(secure);
    // Context customizers run after Spring Boot installed its SameSite-aware processor.
    return factory ->
        factory.addContextCustomizers(
            context ->
                context.setCookieProcessor(new SecureCookies(context.getCookieProcessor(), mode)));
  }
}
