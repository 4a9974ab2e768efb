package io.flowdesk.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.StandaloneApp;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Starting this Flowdesk on the previous release's database migrates it and lets its work in flight
 * go on. The database is {@code upgrade/previous-release.sql.gz}, made by {@code
 * bench/upgrade/make-upgrade-fixture.sh} from the release named in {@code
 * previous-release.properties}: the process {@code upgrade-fixture} waiting on a job, a timer (due
 * by now) and a user task, and an incident reported by alice. Nothing here names a migration
 * version, so migrations added after that release are what the test runs.
 */
class UpgradeFromPreviousReleaseTest {

  private static final List<String> SCHEMAS = List.of("engine", "domain", "flowdesk");
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

  @Test
  void thePreviousReleasesDataIsMigratedAndItsWaitingInstancesGoOn() throws Exception {
    final Properties release = fixture();
    final String database = SharedPostgres.newDatabase();
    restore(database);
    final JdbcClient sql =
        JdbcClient.create(
            new DriverManagerDataSource(
                database, SharedPostgres.user(), SharedPostgres.password()));

    try (StandaloneApp app =
        StandaloneApp.start(
            // A known web port: the camunda client's searches go over REST (/v2) to it.
            "server.port=" + ServerProcess.freePort(),
            "spring.datasource.url=" + database,
            "flowdesk.secrets.key=" + release.getProperty("secrets-key"))) {
      for (final String schema : SCHEMAS) {
        assertThat(failedMigrations(sql, schema)).as("failed migrations in " + schema).isZero();
        assertThat(installedVersion(sql, schema))
            .as("schema %s migrated to the newest migration this build ships", schema)
            .isEqualTo(newestShippedVersion(schema));
      }

      final CamundaClient client = app.bean(CamundaClient.class);
      final long instance = Long.parseLong(release.getProperty("process-instance"));
      assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
          .isEqualTo(ProcessInstanceState.ACTIVE);

      final ActivatedJob job =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      client
                          .newActivateJobsCommand()
                          .jobType("upgrade-fixture-job")
                          .maxJobsToActivate(1)
                          .send()
                          .join()
                          .getJobs(),
                  jobs -> !jobs.isEmpty())
              .get(0);
      assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
      client.newCompleteCommand(job).send().join();

      final UserTask task =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
              .send()
              .join()
              .items()
              .get(0);
      client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();

      // The join waits for the timer too: the instance completes only once the timer, due while
      // nothing ran, has fired on this version.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
                      .isEqualTo(ProcessInstanceState.COMPLETED));

      final String incident = release.getProperty("incident");
      final HttpResponse<String> record =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/incidents/" + incident))
                      .header("Authorization", basic("agent.anna", "demo-flowdesk-2025"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(record.statusCode()).isEqualTo(200);
      final JsonNode resource = new ObjectMapper().readTree(record.body());
      assertThat(resource.path("shortDescription").asText()).isEqualTo("Printer on floor 3 jams");
      assertThat(resource.path("caller").asText()).isEqualTo("alice");
      // The incident's own process still waits for the service desk.
      final long incidentInstance = resource.path("processInstanceKey").asLong();
      assertThat(client.newProcessInstanceGetRequest(incidentInstance).send().join().getState())
          .isEqualTo(ProcessInstanceState.ACTIVE);
    }
  }

  private static Properties fixture() throws IOException {
    final Properties release = new Properties();
    try (InputStream in = resource("upgrade/previous-release.properties")) {
      release.load(in);
    }
    return release;
  }

  /**
   * Runs the plain-SQL dump as psql would: one connection, its statements in order (the fixture
   * script leaves out pg_dump's psql-only {@code \restrict} lines).
   */
  private static void restore(final String database) throws IOException, SQLException {
    final String dump;
    try (InputStream in = new GZIPInputStream(resource("upgrade/previous-release.sql.gz"))) {
      dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection =
            DriverManager.getConnection(
                database, SharedPostgres.user(), SharedPostgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute(dump);
    }
  }

  private static int failedMigrations(final JdbcClient sql, final String schema) {
    return sql.sql("SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE NOT success")
        .query(Integer.class)
        .single();
  }

  private static int installedVersion(final JdbcClient sql, final String schema) {
    return sql.sql(
            "SELECT max(version::int) FROM "
                + schema
                + ".flyway_schema_history WHERE version ~ '^[0-9]+$'")
        .query(Integer.class)
        .single();
  }

  private static int newestShippedVersion(final String schema) throws IOException {
    final Resource[] migrations =
        new PathMatchingResourcePatternResolver()
            .getResources("classpath*:db/migration/" + schema + "/V*__*.sql");
    return Arrays.stream(migrations)
        .map(Resource::getFilename)
        .map(VERSIONED::matcher)
        .filter(Matcher::matches)
        .mapToInt(name -> Integer.parseInt(name.group(1)))
        .max()
        .orElseThrow();
  }

  private static InputStream resource(final String name) {
    final InputStream in =
        UpgradeFromPreviousReleaseTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("test resource " + name).isNotNull();
    return in;
  }

  private static String basic(final String user, final String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
