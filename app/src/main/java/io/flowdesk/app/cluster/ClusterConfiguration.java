package io.flowdesk.app.cluster;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What lets several Flowdesk nodes share one PostgreSQL: sessions in the database (Spring Session
 * JDBC, table {@code flowdesk.spring_session}), so a person signed in on one node goes on on any
 * other; and the app's periodic work in Quartz's clustered JDBC job store (tables {@code
 * flowdesk.qrtz_*}), so each run happens on exactly one node. Spring Boot configures both from
 * {@code application.yml}; the tables come from these migrations (versions 10 and 11, leaving the
 * low numbers to the app's own SQL migrations).
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  JavaMigration sessionTables() {
    return new LibrarySchemaMigration(
        "10", "spring session tables", "org/springframework/session/jdbc/schema-postgresql.sql");
  }

  @Bean
  JavaMigration schedulerTables() {
    return new LibrarySchemaMigration(
        "11", "quartz tables", "org/quartz/impl/jdbcjobstore/tables_postgres.sql");
  }
}
