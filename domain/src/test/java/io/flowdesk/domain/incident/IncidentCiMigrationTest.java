package io.flowdesk.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.domain.DomainSchema;
import io.flowdesk.engine.test.SharedPostgres;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V28 on a database with incidents and CIs from before links existed: the free text is linked where
 * exactly one CI has that name (ignoring case and blanks), and left alone otherwise.
 */
class IncidentCiMigrationTest {

  @Test
  void existingFreeTextIsLinkedWhereExactlyOneCiHasThatName() {
    final DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    flyway(dataSource).target("27").load().migrate();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final UUID mail = ci(jdbc, "server", "mail-01");
    ci(jdbc, "server", "crm");
    ci(jdbc, "application", "crm");
    final long exact = incident(jdbc, "INC0000001", "mail-01");
    final long otherCase = incident(jdbc, "INC0000002", "  MAIL-01 ");
    final long ambiguous = incident(jdbc, "INC0000003", "crm");
    final long unknown = incident(jdbc, "INC0000004", "my laptop");
    final long none = incident(jdbc, "INC0000005", null);

    DomainSchema.migrate(dataSource);

    assertThat(links(jdbc, exact)).containsExactly(mail);
    assertThat(links(jdbc, otherCase)).containsExactly(mail);
    assertThat(links(jdbc, ambiguous)).isEmpty();
    assertThat(links(jdbc, unknown)).isEmpty();
    assertThat(links(jdbc, none)).isEmpty();
    assertThat(
            jdbc.sql("SELECT configuration_item FROM domain.incident WHERE id = :id")
                .param("id", otherCase)
                .query(String.class)
                .single())
        .isEqualTo("  MAIL-01 ");
    assertThat(
            jdbc.sql(
                    "SELECT actor || ':' || field || ':' || new_value FROM domain.incident_audit"
                        + " WHERE incident_id IN (:ids) ORDER BY incident_id")
                .param("ids", List.of(exact, otherCase, ambiguous, unknown, none))
                .query(String.class)
                .list())
        .containsExactly("migration:ci:mail-01 (server)", "migration:ci:mail-01 (server)");
  }

  // As DomainSchema configures it, stopped at a version.
  private static FluentConfiguration flyway(final DriverManagerDataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(DomainSchema.NAME)
        .defaultSchema(DomainSchema.NAME)
        .table("flyway_schema_history")
        .locations("classpath:db/migration/domain");
  }

  private static UUID ci(final JdbcClient jdbc, final String className, final String name) {
    final UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO domain.ci (id, class_name, name, environment, status)"
                + " VALUES (:id, :class, :name, 'PRODUCTION', 'IN_SERVICE')")
        .param("id", id)
        .param("class", className)
        .param("name", name)
        .update();
    return id;
  }

  private static long incident(final JdbcClient jdbc, final String number, final String ci) {
    return jdbc.sql(
            "INSERT INTO domain.incident (number, caller, short_description, configuration_item,"
                + " impact, urgency, state) VALUES (:number, 'carol', 'Broken', :ci, 'LOW', 'LOW',"
                + " 'NEW') RETURNING id")
        .param("number", number)
        .param("ci", ci)
        .query(Long.class)
        .single();
  }

  private static List<UUID> links(final JdbcClient jdbc, final long incident) {
    return jdbc.sql("SELECT ci_id FROM domain.incident_ci WHERE incident_id = :id")
        .param("id", incident)
        .query(UUID.class)
        .list();
  }
}
