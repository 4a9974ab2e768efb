package io.flowdesk.domain;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The domain's PostgreSQL schema {@code domain}, migrated by the domain itself from {@code
 * classpath:db/migration/domain} with its own history table, so that it never interferes with the
 * app's or the engine's migrations.
 */
public final class DomainSchema {

  /** The schema every domain table lives in. */
  public static final String NAME = "domain";

  private DomainSchema() {}

  /** Brings the schema up to date; safe to call on every start and from several nodes. */
  public static void migrate(final DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(NAME)
        .defaultSchema(NAME)
        .table("flyway_schema_history")
        .locations("classpath:db/migration/domain")
        .load()
        .migrate();
  }
}
