package io.flowdesk.testing.sso;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID Connect provider (in a package of its own, outside the app's component scan)
 * (Spring Authorization Server) on a free port of 127.0.0.1 (another host than the app's {@code
 * localhost}, so the two sessions' cookies stay apart), with its own sign-in form. Client {@value
 * #CLIENT_ID} / {@value #CLIENT_SECRET} may redirect to {@code <redirect
 * base>/login/oauth2/code/oidc}. People are added with {@link #person}; their claims go into the ID
 * token as they are at the moment of each sign-in, so a test can change them between two sign-ins.
 * A person with {@link #FOREIGN_ISSUER} among their claims gets an ID token naming another issuer.
 */
public final class TestIdentityProvider implements AutoCloseable {

  public static final String CLIENT_ID = "flowdesk";
  public static final String CLIENT_SECRET = "flowdesk-test-secret";

  /** A claim that makes the provider sign the ID token as another issuer would name itself. */
  public static final String FOREIGN_ISSUER = "test:foreign-issuer";

  private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();

  private final ConfigurableApplicationContext context;

  private TestIdentityProvider(final ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts the provider for a Flowdesk reachable at {@code redirectBase} (scheme, host, port). */
  public static TestIdentityProvider start(final String redirectBase) {
    return start(redirectBase, 0);
  }

  /**
   * As {@link #start(String)}, on {@code port}: for a Flowdesk told the issuer before the provider
   * can know Flowdesk's address (Flowdesk reads the issuer's metadata only at the first sign-in).
   */
  public static TestIdentityProvider start(final String redirectBase, final int port) {
    final String client = "--spring.security.oauth2.authorizationserver.client.flowdesk.";
    return new TestIdentityProvider(
        new SpringApplicationBuilder(Provider.class)
            .run(
                // Command-line arguments: they outrank the app's application.yml on the classpath.
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--server.servlet.session.cookie.name=IDPSESSION",
                "--spring.main.banner-mode=off",
                "--spring.config.name=test-identity-provider",
                client + "registration.client-id=" + CLIENT_ID,
                client + "registration.client-secret={noop}" + CLIENT_SECRET,
                client + "registration.client-authentication-methods=client_secret_basic",
                client + "registration.authorization-grant-types=authorization_code",
                client + "registration.redirect-uris=" + redirectBase + "/login/oauth2/code/oidc",
                client + "registration.scopes=openid,profile,email",
                client + "require-authorization-consent=false"));
  }

  /** Adds or replaces a person who signs in here with {@code password}. */
  public void person(
      final String username, final String password, final Map<String, Object> claims) {
    ACCOUNTS.put(username, new Account(password, Map.copyOf(claims)));
  }

  /** The issuer, as the provider names itself in its discovery document and tokens. */
  public String issuer() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public void close() {
    context.close();
  }

  private record Account(String password, Map<String, Object> claims) {}

  @SpringBootConfiguration
  @ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class,
    OAuth2AuthorizationServerJwtAutoConfiguration.class
  })
  static class Provider {

    @Bean
    UserDetailsService people() {
      return username -> {
        final Account account = ACCOUNTS.get(username);
        if (account == null) {
          throw new UsernameNotFoundException(username);
        }
        return User.withUsername(username)
            .password("{noop}" + account.password())
            .roles("USER")
            .build();
      };
    }

    /** The person's claims into the ID token, read at each sign-in. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          return;
        }
        final Account account = ACCOUNTS.get(context.getPrincipal().getName());
        if (account == null) {
          return;
        }
        account
            .claims()
            .forEach(
                (name, value) -> {
                  if (FOREIGN_ISSUER.equals(name)) {
                    context.getClaims().issuer(value.toString());
                  } else {
                    context.getClaims().claim(name, value);
                  }
                });
      };
    }
  }
}
