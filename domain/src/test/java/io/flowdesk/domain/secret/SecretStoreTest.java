package io.flowdesk.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class SecretStoreTest {

  static final SecretBinding API =
      SecretBinding.of(List.of("http"), List.of("https://api.example.com"));
  static final URI API_URL = URI.create("https://api.example.com/v1/items?limit=5");

  static DataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migrated();
  }

  static SecretKey randomKey() {
    final byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return SecretKey.fromBase64(Base64.getEncoder().encodeToString(key));
  }

  @Test
  void aStoredSecretResolvesToItsValue() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("smtp.password", "pässwörd-1".toCharArray(), API);

    assertThat(store.resolve("smtp.password", "http", API_URL))
        .containsExactly("pässwörd-1".toCharArray());
    assertThat(store.names()).contains("smtp.password");
  }

  @Test
  void theDatabaseHoldsOnlyCiphertext() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("api.token", "plain-token-value".toCharArray(), API);

    final byte[] stored =
        JdbcClient.create(dataSource)
            .sql("SELECT ciphertext FROM domain.secret WHERE name = 'api.token'")
            .query(byte[].class)
            .single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("plain-token");
  }

  @Test
  void puttingASecretAgainReplacesIt() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("rotated", "old".toCharArray(), API);
    store.put("rotated", "new".toCharArray(), API);

    assertThat(store.resolve("rotated", "http", API_URL)).containsExactly('n', 'e', 'w');
  }

  @Test
  void aMissingSecretIsAnErrorNamingIt() {
    final SecretStore store = new SecretStore(dataSource, randomKey());

    assertThatThrownBy(() -> store.resolve("no.such.secret", "http", API_URL))
        .isInstanceOf(MissingSecretException.class)
        .hasMessageContaining("'no.such.secret'")
        .extracting(e -> ((MissingSecretException) e).secretName())
        .isEqualTo("no.such.secret");
  }

  @Test
  void anotherKeyCannotDecryptAndTheErrorDoesNotShowTheValue() {
    new SecretStore(dataSource, randomKey()).put("keyed", "s3cr3t-value".toCharArray(), API);

    assertThatThrownBy(
            () -> new SecretStore(dataSource, randomKey()).resolve("keyed", "http", API_URL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'keyed'")
        .hasMessageContaining("another key")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aCiphertextMovedToAnotherNameDoesNotDecrypt() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("moved.from", "value".toCharArray(), API);
    store.put("moved.to", "other".toCharArray(), API);
    JdbcClient.create(dataSource)
        .sql(
            "UPDATE domain.secret t SET nonce = f.nonce, ciphertext = f.ciphertext"
                + " FROM domain.secret f WHERE f.name = 'moved.from' AND t.name = 'moved.to'")
        .update();

    assertThatThrownBy(() -> store.resolve("moved.to", "http", API_URL))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badNamesAndEmptyValuesAreRefused() {
    final SecretStore store = new SecretStore(dataSource, randomKey());

    assertThatThrownBy(() -> store.put("with space", "x".toCharArray(), API))
        .hasMessageContaining("'with space' is not a secret name");
    assertThatThrownBy(() -> store.put("empty", new char[0], API))
        .hasMessageContaining("'empty' has an empty value");
  }

  @Test
  void aDeletedSecretIsMissing() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("gone", "x".toCharArray(), API);

    assertThat(store.delete("gone")).isTrue();
    assertThatThrownBy(() -> store.resolve("gone", "http", API_URL))
        .isInstanceOf(MissingSecretException.class);
  }

  @Test
  void toStringShowsNoKeyOrValue() {
    final SecretKey key = randomKey();
    assertThat(key.toString()).isEqualTo("SecretKey[***]");
    assertThat(new SecretStore(dataSource, key).toString()).contains("***");
  }

  @Test
  void aKeyOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> SecretKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> SecretKey.fromBase64("not base64!"))
        .hasMessageContaining("FLOWDESK_SECRETS_KEY");
  }

  @Test
  void aKeyFileIsGeneratedOnceAndReadAfterwards(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("data/secrets.key");
    final SecretStore first = new SecretStore(dataSource, SecretKey.fromFile(file));
    first.put("filekeyed", "value".toCharArray(), API);

    assertThat(Files.readString(file)).hasSize(44);
    assertThat(
            new SecretStore(dataSource, SecretKey.fromFile(file))
                .resolve("filekeyed", "http", API_URL))
        .containsExactly('v', 'a', 'l', 'u', 'e');
  }
}
