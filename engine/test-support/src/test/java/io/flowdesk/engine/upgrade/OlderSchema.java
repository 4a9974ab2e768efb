package io.flowdesk.engine.upgrade;

import com.zaxxer.hikari.HikariDataSource;
import io.flowdesk.engine.test.SharedPostgres;
import org.flywaydb.core.Flyway;

/** A fresh database holding the engine's schema as an earlier Flowdesk version left it. */
final class OlderSchema {

  private OlderSchema() {}

  /** A new database migrated up to and including {@code version}, not beyond. */
  static HikariDataSource at(final String version) {
    final HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("engine")
        .locations("classpath:db/migration/engine")
        .target(version)
        .load()
        .migrate();
    return dataSource;
  }
}
