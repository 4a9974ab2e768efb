package io.flowdesk.domain;

import io.flowdesk.engine.test.SharedPostgres;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh database on the shared test PostgreSQL with the domain schema migrated. */
public final class TestDatabase {

  private TestDatabase() {}

  public static DriverManagerDataSource migrated() {
    final DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    DomainSchema.migrate(dataSource);
    return dataSource;
  }
}
