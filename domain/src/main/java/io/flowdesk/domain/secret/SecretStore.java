package io.flowdesk.domain.secret;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Named secrets (passwords, API tokens, webhook URLs), encrypted at rest with AES-GCM in table
 * {@code domain.secret}. Values go in and out as {@code char[]} so callers can wipe them; they are
 * never logged and never part of an exception message. Thread-safe.
 */
public final class SecretStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  public SecretStore(final DataSource dataSource, final SecretKey key) {
    this.jdbc = JdbcClient.create(dataSource);
    this.cipher = new SecretCipher(key);
  }

  /** Stores or replaces the secret {@code name}; the caller may wipe {@code value} afterwards. */
  public void put(final String name, final char[] value) {
    requireName(name);
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("secret '" + name + "' has an empty value");
    }
    final SecretCipher.Sealed sealed = cipher.encrypt(name, value);
    jdbc.sql(
            """
            INSERT INTO domain.secret (name, nonce, ciphertext) VALUES (:name, :nonce, :ciphertext)
            ON CONFLICT (name) DO UPDATE
              SET nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = now()
            """)
        .param("name", name)
        .param("nonce", sealed.nonce())
        .param("ciphertext", sealed.ciphertext())
        .update();
  }

  /**
   * A fresh copy of the secret {@code name}, which the caller should wipe after use.
   *
   * @throws MissingSecretException naming the secret when none is stored under that name
   */
  public char[] resolve(final String name) {
    requireName(name);
    final Optional<char[]> value =
        jdbc.sql("SELECT nonce, ciphertext FROM domain.secret WHERE name = :name")
            .param("name", name)
            .query(
                (row, n) -> cipher.decrypt(name, row.getBytes("nonce"), row.getBytes("ciphertext")))
            .optional();
    return value.orElseThrow(() -> new MissingSecretException(name));
  }

  /** Removes the secret; answers whether there was one. */
  public boolean delete(final String name) {
    requireName(name);
    return jdbc.sql("DELETE FROM domain.secret WHERE name = :name").param("name", name).update()
        > 0;
  }

  /** The names of all stored secrets, sorted; never their values. */
  public List<String> names() {
    return jdbc.sql("SELECT name FROM domain.secret ORDER BY name").query(String.class).list();
  }

  private static void requireName(final String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a secret name (letters, digits, '.', '_', '-'; at most 100 characters)");
    }
  }

  @Override
  public String toString() {
    return "SecretStore[domain.secret, values=***]";
  }
}
