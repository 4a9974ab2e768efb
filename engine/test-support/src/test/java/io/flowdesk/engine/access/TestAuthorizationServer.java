package io.flowdesk.engine.access;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Spring Authorization Server on a free loopback port, issuing client-credentials tokens as
 * Keycloak or Entra ID do for Camunda Modeler and job workers: the requested {@code audience}
 * becomes the token's {@code aud}, registered scopes its {@code scope}. Clients (secret = id +
 * "-secret"): {@code modeler} (engine:deploy, engine:read), {@code worker} (engine:operate), {@code
 * reader} (engine:read).
 */
final class TestAuthorizationServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private TestAuthorizationServer(final ConfigurableApplicationContext context) {
    this.context = context;
  }

  static TestAuthorizationServer start() {
    final Map<String, String> clients =
        Map.of(
            "modeler", "engine:deploy,engine:read",
            "worker", "engine:operate",
            "reader", "engine:read");
    final SpringApplicationBuilder builder =
        new SpringApplicationBuilder(Configuration.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "spring.autoconfigure.exclude="
                    + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
                    + "io.flowdesk.engine.EngineAutoConfiguration");
    clients.forEach(
        (id, scopes) -> {
          final String prefix = "spring.security.oauth2.authorizationserver.client." + id;
          builder.properties(
              prefix + ".registration.client-id=" + id,
              prefix + ".registration.client-secret={noop}" + id + "-secret",
              prefix
                  + ".registration.client-authentication-methods=client_secret_post,"
                  + "client_secret_basic",
              prefix + ".registration.authorization-grant-types=client_credentials",
              prefix + ".registration.scopes=" + scopes);
        });
    return new TestAuthorizationServer(builder.run());
  }

  /** The issuer, as the server names itself in its tokens and metadata. */
  String issuer() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  URI tokenEndpoint() {
    return URI.create(issuer() + "/oauth2/token");
  }

  @Override
  public void close() {
    context.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Configuration {

    /** The audience a client asks for goes into {@code aud}, as Keycloak and Auth0 do. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> audienceFromRequest() {
      return context -> {
        if (context.getAuthorizationGrant()
            instanceof OAuth2ClientCredentialsAuthenticationToken grant) {
          final Object audience = grant.getAdditionalParameters().get("audience");
          if (audience != null) {
            context.getClaims().audience(List.of(audience.toString()));
          }
        }
      };
    }
  }
}
