package io.flowdesk.app.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * How far each of Flowdesk's schemas is migrated: in a database (Flyway's history per schema) or as
 * far as this Flowdesk's migrations go. A backup from a newer Flowdesk has a schema further on than
 * this one knows, and restoring it would start a server on tables it does not understand.
 */
final class SchemaLevels {

  // Each module migrates the schema named like its migrations' directory (engine, domain,
  // flowdesk).
  private static final Pattern MIGRATION =
      Pattern.compile(".*/db/migration/([a-z_]+)/V(\\d+)__[^/]*\\.sql$");

  private SchemaLevels() {}

  /** Schema name to highest migration version this Flowdesk ships. */
  static Map<String, Integer> shipped() {
    final Map<String, Integer> levels = new TreeMap<>();
    try {
      for (final Resource resource :
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:db/migration/*/V*.sql")) {
        final Matcher matcher = MIGRATION.matcher(resource.getURL().toString());
        if (matcher.matches()) {
          levels.merge(matcher.group(1), Integer.parseInt(matcher.group(2)), Math::max);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list this Flowdesk's migrations", e);
    }
    return levels;
  }

  /** Schema name to highest successful migration in the database, for the shipped schemas. */
  static Map<String, Integer> of(final Connection connection) throws SQLException {
    final Map<String, Integer> levels = new TreeMap<>();
    for (final String schema : shipped().keySet()) {
      try (Statement statement = connection.createStatement();
          ResultSet exists =
              statement.executeQuery(
                  "SELECT to_regclass('" + schema + ".flyway_schema_history') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          continue;
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet versions =
              statement.executeQuery(
                  "SELECT version FROM "
                      + schema
                      + ".flyway_schema_history"
                      + " WHERE success AND version IS NOT NULL")) {
        while (versions.next()) {
          levels.merge(schema, Integer.parseInt(versions.getString(1)), Math::max);
        }
      }
    }
    return levels;
  }
}
