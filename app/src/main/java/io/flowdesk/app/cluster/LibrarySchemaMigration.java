package io.flowdesk.app.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Creates the tables a library needs (Spring Session's, Quartz's) in the app's schema, from the
 * schema script the library ships for PostgreSQL, so that Flyway owns them like every other table
 * and they match the library's version. The scripts' own {@code DROP} statements (they are written
 * for re-initialising) and transaction control are left out: Flyway runs the rest in its
 * transaction, once.
 */
final class LibrarySchemaMigration implements JavaMigration {

  private final String version;
  private final String description;
  private final String script;

  LibrarySchemaMigration(final String version, final String description, final String script) {
    this.version = version;
    this.description = description;
    this.script = script;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public String getDescription() {
    return description;
  }

  /** No checksum: the script is the library's, and changes only with its version. */
  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(final Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(statements());
    }
  }

  private String statements() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("Schema script " + script + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !isDropOrCommit(line))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + script, e);
    }
  }

  private static boolean isDropOrCommit(final String line) {
    final String statement = line.trim().toUpperCase(Locale.ROOT);
    return statement.startsWith("DROP ") || statement.startsWith("COMMIT");
  }
}
