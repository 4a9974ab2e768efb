package io.flowdesk.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.app.FlowdeskApplication;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = FlowdeskApplication.class)
class SchemaMigrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void flywayAppliesTheAppSchemaInItsOwnSchema() {
    final List<String> applied =
        jdbc.sql(
                "SELECT version FROM flowdesk.flyway_schema_history WHERE success ORDER BY installed_rank")
            .query(String.class)
            .list();

    assertThat(applied).contains("1");
  }

  @Test
  void databaseIsARealPostgresServer() {
    final String version = jdbc.sql("SELECT version()").query(String.class).single();

    assertThat(version).startsWith("PostgreSQL 17");
  }
}
