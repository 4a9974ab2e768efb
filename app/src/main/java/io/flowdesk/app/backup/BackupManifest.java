package io.flowdesk.app.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a backup file says about itself, the first entry of the archive: which format, from which
 * Flowdesk, how far each schema was migrated, whether the secrets key is inside.
 *
 * @param format the archive layout; a restore refuses layouts newer than it knows
 * @param flowdeskVersion the version of the Flowdesk that wrote it (for people reading the file)
 * @param postgresVersion the PostgreSQL major version of the data directory inside
 * @param schemaLevels schema name to its highest migration
 * @param withKey whether the secrets key is in the archive
 */
record BackupManifest(
    int format,
    String flowdeskVersion,
    String postgresVersion,
    Instant createdAt,
    Map<String, Integer> schemaLevels,
    boolean withKey) {

  static final String ENTRY = "flowdesk-backup.properties";
  static final int CURRENT_FORMAT = 1;
  private static final String SCHEMA_PREFIX = "schema.";

  byte[] toBytes() {
    final Properties properties = new Properties();
    properties.setProperty("format", Integer.toString(format));
    properties.setProperty("flowdesk.version", flowdeskVersion);
    properties.setProperty("postgres.version", postgresVersion);
    properties.setProperty("created-at", createdAt.toString());
    properties.setProperty("secrets-key", Boolean.toString(withKey));
    schemaLevels.forEach(
        (schema, level) -> properties.setProperty(SCHEMA_PREFIX + schema, Integer.toString(level)));
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      properties.store(bytes, "Flowdesk backup: restore with ./flowdesk restore <file>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws BackupProblem when the entry is not a manifest Flowdesk wrote
   */
  static BackupManifest read(final InputStream in, final String fileName) throws IOException {
    final Properties properties = new Properties();
    properties.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
    try {
      final Map<String, Integer> levels = new TreeMap<>();
      for (final String name : properties.stringPropertyNames()) {
        if (name.startsWith(SCHEMA_PREFIX)) {
          levels.put(
              name.substring(SCHEMA_PREFIX.length()),
              Integer.parseInt(properties.getProperty(name)));
        }
      }
      return new BackupManifest(
          Integer.parseInt(properties.getProperty("format")),
          properties.getProperty("flowdesk.version", "unknown"),
          properties.getProperty("postgres.version", "unknown"),
          Instant.parse(properties.getProperty("created-at")),
          levels,
          Boolean.parseBoolean(properties.getProperty("secrets-key")));
    } catch (RuntimeException e) {
      throw new BackupProblem(
          fileName + " is not a Flowdesk backup: its description is unreadable");
    }
  }
}
