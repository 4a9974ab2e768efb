package io.flowdesk.domain.secret;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Named secrets (passwords, API tokens, webhook URLs), encrypted at rest with AES-GCM in table
 * {@code domain.secret}, each with its {@link SecretBinding}: the connectors that may use it and
 * the destinations it may be sent to. A connector gets a value only for a use its binding allows,
 * so a process cannot send a secret elsewhere by naming it. Values go in and out as {@code char[]}
 * so callers can wipe them; they are never logged and never part of an exception message.
 * Thread-safe.
 */
public final class SecretStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  public SecretStore(final DataSource dataSource, final SecretKey key) {
    this.jdbc = JdbcClient.create(dataSource);
    this.cipher = new SecretCipher(key);
  }

  /**
   * Stores or replaces the secret {@code name} with its binding; the caller may wipe {@code value}
   * afterwards.
   */
  public void put(final String name, final char[] value, final SecretBinding binding) {
    requireName(name);
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("secret '" + name + "' has an empty value");
    }
    final SecretCipher.Sealed sealed = cipher.encrypt(name, value);
    jdbc.sql(
            """
            INSERT INTO domain.secret (name, nonce, ciphertext, connectors, destinations)
            VALUES (:name, :nonce, :ciphertext, :connectors, :destinations)
            ON CONFLICT (name) DO UPDATE
              SET nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext,
                  connectors = EXCLUDED.connectors, destinations = EXCLUDED.destinations,
                  updated_at = now()
            """)
        .param("name", name)
        .param("nonce", sealed.nonce())
        .param("ciphertext", sealed.ciphertext())
        .param("connectors", connectors(binding))
        .param("destinations", destinations(binding))
        .update();
  }

  /**
   * Changes only where the stored secret {@code name} may be used; its value stays.
   *
   * @throws MissingSecretException when there is no such secret
   */
  public void bind(final String name, final SecretBinding binding) {
    requireName(name);
    final int updated =
        jdbc.sql(
                """
                UPDATE domain.secret
                SET connectors = :connectors, destinations = :destinations, updated_at = now()
                WHERE name = :name
                """)
            .param("name", name)
            .param("connectors", connectors(binding))
            .param("destinations", destinations(binding))
            .update();
    if (updated == 0) {
      throw new MissingSecretException(name);
    }
  }

  /**
   * A fresh copy of the secret {@code name} for {@code connector} to send to {@code destination},
   * which the caller should wipe after use. The binding is checked before the value is decrypted.
   *
   * @throws MissingSecretException naming the secret when none is stored under that name
   * @throws SecretRefusedException when the binding does not allow this connector or destination
   */
  public char[] resolve(final String name, final String connector, final URI destination) {
    final Row row = row(name);
    row.binding().check(name, connector, destination);
    return cipher.decrypt(name, row.nonce(), row.ciphertext());
  }

  /**
   * The secret {@code name} for a connector that checks each destination itself while it runs
   * ({@link BoundSecret#checkDestination(URI)}); the connector is checked here.
   *
   * @throws MissingSecretException naming the secret when none is stored under that name
   * @throws SecretRefusedException when the binding does not allow this connector
   */
  public BoundSecret open(final String name, final String connector) {
    final Row row = row(name);
    if (!row.binding().connectors().contains(connector)) {
      // Reuses the binding's wording; no destination has been asked for yet.
      row.binding().check(name, connector, null);
    }
    return new BoundSecret(
        name, connector, row.binding(), cipher.decrypt(name, row.nonce(), row.ciphertext()));
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

  /** All stored secrets with their bindings, sorted by name; never their values. */
  public List<StoredSecret> list() {
    return jdbc.sql("SELECT name, connectors, destinations FROM domain.secret ORDER BY name")
        .query((row, n) -> new StoredSecret(row.getString("name"), binding(row)))
        .list();
  }

  private record Row(byte[] nonce, byte[] ciphertext, SecretBinding binding) {}

  private Row row(final String name) {
    requireName(name);
    final Optional<Row> row =
        jdbc.sql(
                """
                SELECT nonce, ciphertext, connectors, destinations
                FROM domain.secret WHERE name = :name
                """)
            .param("name", name)
            .query((rs, n) -> new Row(rs.getBytes("nonce"), rs.getBytes("ciphertext"), binding(rs)))
            .optional();
    return row.orElseThrow(() -> new MissingSecretException(name));
  }

  private static SecretBinding binding(final ResultSet row) throws SQLException {
    // Stored canonical; parsed again so a row edited by hand cannot widen what a pattern means.
    return SecretBinding.of(texts(row.getArray("connectors")), texts(row.getArray("destinations")));
  }

  private static List<String> texts(final Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static String[] connectors(final SecretBinding binding) {
    return binding.connectorList().toArray(String[]::new);
  }

  private static String[] destinations(final SecretBinding binding) {
    return binding.destinationTexts().toArray(String[]::new);
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
