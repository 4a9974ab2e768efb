package io.flowdesk.app.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Puts {@link SecureCookies} in front of Tomcat's cookie processor, and writes the session cookie
 * of Spring Session by the same rule ({@link SessionCookies}).
 */
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

  /** Spring Boot's own session cookie settings ({@code server.servlet.session.cookie.*}). */
  @Bean
  CookieSerializer sessionCookies(
      final ServerProperties server,
      @Value("${flowdesk.security.cookie-secure:auto}") final String secure) {
    final Cookie cookie = server.getServlet().getSession().getCookie();
    return new SessionCookies(
        serializer(cookie), serializer(cookie), SecureCookies.Mode.of(secure));
  }

  private static DefaultCookieSerializer serializer(final Cookie cookie) {
    final DefaultCookieSerializer serializer = new DefaultCookieSerializer();
    final PropertyMapper map = PropertyMapper.get().alwaysApplyingWhenNonNull();
    map.from(cookie::getName).to(serializer::setCookieName);
    map.from(cookie::getDomain).to(serializer::setDomainName);
    map.from(cookie::getPath).to(serializer::setCookiePath);
    map.from(cookie::getHttpOnly).to(serializer::setUseHttpOnlyCookie);
    map.from(cookie::getMaxAge).asInt(Duration::getSeconds).to(serializer::setCookieMaxAge);
    map.from(cookie::getSameSite).as(SameSite::attributeValue).to(serializer::setSameSite);
    return serializer;
  }
}
