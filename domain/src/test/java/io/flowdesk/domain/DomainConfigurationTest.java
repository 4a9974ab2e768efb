package io.flowdesk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.engine.test.SharedPostgres;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class DomainConfigurationTest {

  @Test
  void theRecordsAreBeansOnAFreshDatabaseAndJoinTheApplicationsTransaction() {
    final DataSource dataSource =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "test",
                  Map.of(
                      "flowdesk.secrets.key", Base64.getEncoder().encodeToString(new byte[32]))));
      context.registerBean(DataSource.class, () -> dataSource);
      context.registerBean(
          PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
      context.register(DomainConfiguration.class);
      context.refresh();
      final IncidentRecords records = context.getBean(IncidentRecords.class);
      final Directory directory = context.getBean(Directory.class);

      new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
          .executeWithoutResult(
              status -> {
                directory.addPerson("zoe", "Zoe", "zoe@example.com", Set.of(Role.AGENT), "h");
                records.report(
                    new NewIncident(
                        "zoe", "Screen flickers", null, null, null, Level.LOW, Level.LOW),
                    ChangeSource.person("zoe"));
                status.setRollbackOnly();
              });

      assertThat(directory.person("zoe")).isEmpty();
      assertThat(records.search(IncidentQuery.all(), null)).isEmpty();
    }
  }
}
