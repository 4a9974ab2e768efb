package io.flowdesk.domain.secret;

import static io.flowdesk.domain.secret.SecretStoreTest.randomKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainSchema;
import io.flowdesk.domain.TestDatabase;
import io.flowdesk.engine.test.SharedPostgres;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Where a stored secret may go: the binding checked by {@link SecretStore}. */
class SecretBindingTest {

  static DataSource dataSource;
  static SecretStore store;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migrated();
    store = new SecretStore(dataSource, randomKey());
    store.put(
        "crm.token",
        "crm-token-value".toCharArray(),
        SecretBinding.of(
            List.of("http"), List.of("https://api.example.com", "https://*.crm.example.org:8443")));
    store.put(
        "smtp.password",
        "smtp-pw-value".toCharArray(),
        SecretBinding.of(List.of("email"), List.of("smtp://mail.example.com:587")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.example.com/v1/items?x=1",
        "https://API.Example.COM./v1",
        "https://api.example.com:443/",
        "https://eu.crm.example.org:8443/contacts",
        "https://a.b.crm.example.org:8443/"
      })
  void aBoundDestinationGetsTheValue(final String url) {
    assertThat(store.resolve("crm.token", "http", URI.create(url)))
        .containsExactly("crm-token-value".toCharArray());
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.example.com.evil.net/, https://api.example.com.evil.net:443",
    "https://evil.net/?to=https://api.example.com, https://evil.net:443",
    "https://api.example.com@evil.net/, https://evil.net:443",
    "http://api.example.com/, http://api.example.com:80",
    "https://api.example.com:8443/, https://api.example.com:8443",
    "https://crm.example.org:8443/, https://crm.example.org:8443",
    "https://eu.crm.example.org/, https://eu.crm.example.org:443",
    "https://xapi.example.com/, https://xapi.example.com:443"
  })
  void anyOtherOriginIsRefusedNamingSecretAndDestinationButNotTheValue(
      final String url, final String origin) {
    assertThatThrownBy(() -> store.resolve("crm.token", "http", URI.create(url)))
        .isInstanceOf(SecretRefusedException.class)
        .hasMessageContaining("secret 'crm.token' may not be sent to " + origin)
        .hasMessageContaining("/admin/secrets")
        .hasMessageNotContaining("crm-token-value")
        .satisfies(e -> assertThat(((SecretRefusedException) e).destination()).isEqualTo(origin));
  }

  @Test
  void aConnectorOutsideTheBindingIsRefused() {
    assertThatThrownBy(
            () -> store.resolve("smtp.password", "http", URI.create("https://mail.example.com")))
        .isInstanceOf(SecretRefusedException.class)
        .hasMessageContaining("secret 'smtp.password' may not be used by the http connector")
        .hasMessageContaining("only by email");
    assertThat(store.resolve("smtp.password", "email", URI.create("smtp://mail.example.com:587")))
        .containsExactly("smtp-pw-value".toCharArray());
  }

  @Test
  void aSecretStoredBeforeBindingsIsUsableNowhereUntilAnAdminBindsIt() {
    store.put("legacy", "legacy-value".toCharArray(), SecretBinding.NONE);
    // What V5 leaves in rows written before it.
    JdbcClient.create(dataSource)
        .sql(
            "UPDATE domain.secret SET connectors = DEFAULT, destinations = DEFAULT"
                + " WHERE name = 'legacy'")
        .update();
    final URI url = URI.create("https://api.example.com/");

    assertThatThrownBy(() -> store.resolve("legacy", "http", url))
        .isInstanceOf(SecretRefusedException.class)
        .hasMessageContaining("secret 'legacy' may be used by no connector")
        .hasMessageContaining("/admin/secrets");

    store.bind("legacy", SecretBinding.of(List.of("http"), List.of("https://api.example.com")));
    assertThat(store.resolve("legacy", "http", url)).containsExactly("legacy-value".toCharArray());
  }

  @Test
  void upgradingToV5LeavesAnExistingSecretUsableNowhereWithItsValueIntact() {
    final SecretKey key = randomKey();
    final SecretStore current = new SecretStore(dataSource, key);
    current.put("old.token", "old-token-value".toCharArray(), SecretBinding.NONE);
    final var sealed =
        JdbcClient.create(dataSource)
            .sql("SELECT nonce, ciphertext FROM domain.secret WHERE name = 'old.token'")
            .query((row, n) -> new byte[][] {row.getBytes(1), row.getBytes(2)})
            .single();
    final DriverManagerDataSource older =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    Flyway.configure()
        .dataSource(older)
        .schemas(DomainSchema.NAME)
        .defaultSchema(DomainSchema.NAME)
        .locations("classpath:db/migration/domain")
        .target("4")
        .load()
        .migrate();
    JdbcClient.create(older)
        .sql("INSERT INTO domain.secret (name, nonce, ciphertext) VALUES ('old.token', ?, ?)")
        .params(sealed[0], sealed[1])
        .update();

    DomainSchema.migrate(older);

    final SecretStore upgraded = new SecretStore(older, key);
    assertThat(upgraded.list())
        .singleElement()
        .satisfies(secret -> assertThat(secret.binding()).isEqualTo(SecretBinding.NONE));
    final URI url = URI.create("https://api.example.com/");
    assertThatThrownBy(() -> upgraded.resolve("old.token", "http", url))
        .hasMessage(
            "secret 'old.token' may be used by no connector and sent nowhere: it has no binding"
                + " yet; an admin sets where it may be used at /admin/secrets");
    upgraded.bind(
        "old.token", SecretBinding.of(List.of("http"), List.of("https://api.example.com")));
    assertThat(upgraded.resolve("old.token", "http", url))
        .containsExactly("old-token-value".toCharArray());
  }

  @Test
  void openChecksTheConnectorAndLeavesEachDestinationToTheCaller() {
    assertThatThrownBy(() -> store.open("smtp.password", "rpa"))
        .isInstanceOf(SecretRefusedException.class)
        .hasMessageContaining("may not be used by the rpa connector");

    try (BoundSecret secret = store.open("crm.token", "http")) {
      secret.checkDestination(URI.create("https://api.example.com/login"));
      assertThatThrownBy(() -> secret.checkDestination(URI.create("https://evil.net/")))
          .isInstanceOf(SecretRefusedException.class)
          .hasMessageContaining("may not be sent to https://evil.net:443");
      assertThat(secret.value()).containsExactly("crm-token-value".toCharArray());
    }
  }

  @Test
  void theListShowsBindingsInCanonicalForm() {
    assertThat(store.list())
        .filteredOn(secret -> secret.name().equals("crm.token"))
        .singleElement()
        .satisfies(
            secret -> {
              assertThat(secret.binding().connectorList()).containsExactly("http");
              assertThat(secret.binding().destinationTexts())
                  .containsExactly("https://api.example.com", "https://*.crm.example.org:8443");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "api.example.com | write it as scheme://host[:port]",
        "ftp://files.example.com | the scheme must be http, https, smtp or imap",
        "https://api.example.com/v1 | without path, query or user",
        "https://user@api.example.com | without path, query or user",
        "https:// | names no host",
        "https://*.com | at least two labels",
        "https://*.10.0.0.1 | at least two labels",
        "https://* | only allowed as a leading '*.'",
        "https://api.*.example.com | only allowed as a leading '*.'",
        "https://api.example.com:99999 | is not in 1..65535",
        "https://api.example.com:http | is not a number",
        "https://bad_host.example.com | is not a host name",
        "smtp://mail.example.com | needs its port"
      })
  void aMalformedDestinationIsRefusedNamingTheProblem(final String text, final String problem) {
    assertThatThrownBy(() -> SecretBinding.of(List.of("http"), List.of(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("destination '" + text.strip() + "' is not valid")
        .hasMessageContaining(problem);
  }

  @Test
  void connectorsAndDestinationsComeTogether() {
    assertThatThrownBy(() -> SecretBinding.of(List.of("http"), List.of()))
        .hasMessageContaining("needs at least one destination");
    assertThatThrownBy(() -> SecretBinding.of(List.of(), List.of("https://api.example.com")))
        .hasMessageContaining("needs at least one connector");
    assertThatThrownBy(() -> SecretBinding.of(List.of("ftp"), List.of("https://api.example.com")))
        .hasMessageContaining("unknown connector ftp");
  }
}
