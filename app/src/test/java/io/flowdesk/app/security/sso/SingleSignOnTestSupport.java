package io.flowdesk.app.security.sso;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.testing.sso.TestIdentityProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with both single sign-ons configured, against real servers started here once for every
 * subclass (which share one Spring context): an OpenID Connect provider ({@link
 * TestIdentityProvider}) and an in-memory LDAP server (UnboundID) loaded from {@code
 * sso/directory.ldif}.
 */
abstract class SingleSignOnTestSupport extends WebTestSupport {

  static final String LDAP_BASE = "dc=flowdesk,dc=test";

  static TestIdentityProvider provider;
  private static String app;
  static InMemoryDirectoryServer ldap;

  @DynamicPropertySource
  static void singleSignOn(final DynamicPropertyRegistry registry) {
    ldap = startLdap();
    final String oidc = "flowdesk.security.oidc.";
    // Read while the context starts, once its web port is chosen: the provider redirects there.
    registry.add(oidc + "issuer-uri", () -> provider().issuer());
    registry.add(oidc + "client-id", () -> TestIdentityProvider.CLIENT_ID);
    registry.add(oidc + "client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
    registry.add(oidc + "display-name", () -> "Test IdP");
    registry.add(oidc + "role-mapping.flowdesk-agents", () -> "AGENT");
    registry.add(oidc + "role-mapping.flowdesk-admins", () -> "ADMIN");
    registry.add(oidc + "group-mapping.network", () -> "network-team");
    registry.add(oidc + "group-mapping.desk", () -> "service-desk");
    final String directory = "flowdesk.security.ldap.";
    registry.add(
        directory + "url", () -> "ldap://127.0.0.1:" + ldap.getListenPort() + "/" + LDAP_BASE);
    registry.add(directory + "user-search-base", () -> "ou=people");
    registry.add(directory + "user-search-filter", () -> "(uid={0})");
    registry.add(directory + "group-search-base", () -> "ou=groups");
    registry.add(directory + "display-name", () -> "company directory");
    registry.add(directory + "timeout", () -> "2s");
    // Group names with spaces are map keys in brackets, as in a properties file.
    registry.add(directory + "role-mapping.[Flowdesk Agents]", () -> "AGENT");
    registry.add(directory + "group-mapping.[Network Engineers]", () -> "network-team");
  }

  private static InMemoryDirectoryServer startLdap() {
    try (ServerSocket free = new ServerSocket(0)) {
      final int port = free.getLocalPort();
      free.close();
      final InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(LDAP_BASE);
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "ldap", InetAddress.getLoopbackAddress(), port, null));
      config.setSchema(null);
      final InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.importFromLDIF(
          true, SingleSignOnTestSupport.class.getResource("/sso/directory.ldif").getPath());
      server.startListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized TestIdentityProvider provider() {
    if (provider == null) {
      app = "http://localhost:" + port();
      provider = TestIdentityProvider.start(app);
    }
    return provider;
  }

  /** Where this context's app answers. */
  static String app() {
    return app;
  }
}
