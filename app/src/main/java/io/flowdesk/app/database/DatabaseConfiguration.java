package io.flowdesk.app.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the database: the one named by {@code FLOWDESK_DB_URL}, else an embedded PostgreSQL. A
 * {@code spring.datasource.url} leaves everything to Spring Boot's own data source.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class DatabaseConfiguration {

  @Bean
  DatabaseInUse databaseInUse(
      final DatabaseProperties properties,
      @Value("${flowdesk.data-dir:./data}") final Path dataDir) {
    if (properties.external()) {
      return DatabaseInUse.external(properties.url(), properties.user(), properties.password());
    }
    return DatabaseInUse.embedded(
        EmbeddedPostgresServer.start(
            dataDir.resolve("postgres").toAbsolutePath().normalize(), properties.embeddedPort()));
  }

  @Bean
  DataSource dataSource(final DatabaseInUse database, final DatabaseProperties properties) {
    final HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("flowdesk");
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(database.user());
    dataSource.setPassword(database.password());
    dataSource.setMaximumPoolSize(properties.connectionPoolSize());
    return dataSource;
  }
}
