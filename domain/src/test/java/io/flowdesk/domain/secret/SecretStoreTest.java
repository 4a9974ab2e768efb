package io.flowdesk.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class SecretStoreTest {

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
    store.put("smtp.password", "pässwörd-1".toCharArray());

    assertThat(store.resolve("smtp.password")).containsExactly("pässwörd-1".toCharArray());
    assertThat(store.names()).contains("smtp.password");
  }

  @Test
  void theDatabaseHoldsOnlyCiphertext() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("api.token", "plain-token-value".toCharArray());

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
    store.put("rotated", "old".toCharArray());
    store.put("rotated", "new".toCharArray());

    assertThat(store.resolve("rotated")).containsExactly('n', 'e', 'w');
  }

  @Test
  void aMissingSecretIsAnErrorNamingIt() {
    final SecretStore store = new SecretStore(dataSource, randomKey());

    assertThatThrownBy(() -> store.resolve("no.such.secret"))
        .isInstanceOf(MissingSecretException.class)
        .hasMessageContaining("'no.such.secret'")
        .extracting(e -> ((MissingSecretException) e).secretName())
        .isEqualTo("no.such.secret");
  }

  @Test
  void anotherKeyCannotDecryptAndTheErrorDoesNotShowTheValue() {
    new SecretStore(dataSource, randomKey()).put("keyed", "s3cr3t-value".toCharArray());

    assertThatThrownBy(() -> new SecretStore(dataSource, randomKey()).resolve("keyed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'keyed'")
        .hasMessageContaining("another key")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aCiphertextMovedToAnotherNameDoesNotDecrypt() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("moved.from", "value".toCharArray());
    store.put("moved.to", "other".toCharArray());
    JdbcClient.create(dataSource)
        .sql(
            "UPDATE domain.secret t SET nonce = f.nonce, ciphertext = f.ciphertext"
                + " FROM domain.secret f WHERE f.name = 'moved.from' AND t.name = 'moved.to'")
        .update();

    assertThatThrownBy(() -> store.resolve("moved.to")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badNamesAndEmptyValuesAreRefused() {
    final SecretStore store = new SecretStore(dataSource, randomKey());

    assertThatThrownBy(() -> store.put("with space", "x".toCharArray()))
        .hasMessageContaining("'with space' is not a secret name");
    assertThatThrownBy(() -> store.put("empty", new char[0]))
        .hasMessageContaining("'empty' has an empty value");
  }

  @Test
  void aDeletedSecretIsMissing() {
    final SecretStore store = new SecretStore(dataSource, randomKey());
    store.put("gone", "x".toCharArray());

    assertThat(store.delete("gone")).isTrue();
    assertThatThrownBy(() -> store.resolve("gone")).isInstanceOf(MissingSecretException.class);
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
    first.put("filekeyed", "value".toCharArray());

    assertThat(Files.readString(file)).hasSize(44);
    assertThat(new SecretStore(dataSource, SecretKey.fromFile(file)).resolve("filekeyed"))
        .containsExactly('v', 'a', 'l', 'u', 'e');
  }
}
