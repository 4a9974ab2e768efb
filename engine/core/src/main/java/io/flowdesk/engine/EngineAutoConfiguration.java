package io.flowdesk.engine;

import io.flowdesk.engine.support.EngineClock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the embedded engine in a Spring Boot application that has a PostgreSQL data source, unless
 * {@code flowdesk.engine.enabled=false} (workers then use an external Camunda 8).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(
    name = "flowdesk.engine.enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
public class EngineAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EngineClock engineClock() {
    return new EngineClock();
  }

  @Bean
  @ConditionalOnBean(DataSource.class)
  Engine flowdeskEngine(
      final DataSource dataSource, final EngineProperties properties, final EngineClock clock) {
    return EngineBootstrap.start(dataSource, properties, clock);
  }
}
