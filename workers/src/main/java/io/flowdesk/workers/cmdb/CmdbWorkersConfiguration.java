package io.flowdesk.workers.cmdb;

import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.workers.ConnectorProperties;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CMDB import worker on the domain's {@link CmdbImport} (there in every Spring Boot application
 * with the domain and JPA, like the request records: see domain/README.md); format {@code table}
 * reads the schemas ETL may use ({@code flowdesk.connectors.etl.allowed-schemas}).
 */
@Configuration(proxyBeanMethods = false)
public class CmdbWorkersConfiguration {

  @Bean
  public CmdbImportWorker cmdbImportWorker(
      final CmdbImport imports, final DataSource dataSource, final ConnectorProperties properties) {
    return new CmdbImportWorker(
        imports,
        dataSource,
        Set.copyOf(properties.etl().allowedSchemas()),
        properties.retryBackoff());
  }
}
