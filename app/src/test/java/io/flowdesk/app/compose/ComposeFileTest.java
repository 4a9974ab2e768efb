package io.flowdesk.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.flowdesk.workers.ConnectorProperties;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked as far as can be without Docker: against the compose-spec JSON schema
 * (vendored under {@code compose-spec/}, Apache-2.0, with its LICENSE and NOTICE), and for what the
 * schema cannot know: services waited for exist and have health checks, volumes are declared and
 * mounted files exist, Flowdesk reads every setting the file gives it, mail goes to the mail
 * catcher, and Prometheus scrapes Flowdesk's metrics with credentials.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  private static String text;
  private static JsonNode compose;
  private static JsonNode services;

  @BeforeAll
  static void read() throws IOException {
    text = Files.readString(ROOT.resolve("docker-compose.yml"));
    compose = YAML.readTree(text);
    services = compose.path("services");
  }

  @Test
  void followsTheComposeSpecification() throws IOException {
    final JsonNode specification;
    try (InputStream in = getClass().getResourceAsStream("/compose-spec/compose-spec.json")) {
      specification = new ObjectMapper().readTree(in);
    }
    withoutDraft4Ids(specification);
    // The top-level project name came to the specification in 2022, after this schema: as it
    // defines it. The name keeps the volumes' names (flowdesk_postgres-data) whatever the folder.
    ((ObjectNode) specification.path("properties")).putObject("name").put("type", "string");
    final Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
            .getSchema(
                SchemaLocation.of("https://compose-spec.io/compose-spec.json"), specification);
    final List<Error> errors = schema.validate(text, InputFormat.YAML);
    assertThat(errors).extracting(Error::toString).isEmpty();
  }

  @Test
  void everyServiceHasAHealthCheckAndWaitsOnlyForServicesThatExist() {
    assertThat(services.properties()).isNotEmpty();
    for (final Map.Entry<String, JsonNode> service : services.properties()) {
      assertThat(service.getValue().path("healthcheck").path("test").isEmpty())
          .as("health check of service %s", service.getKey())
          .isFalse();
      for (final String needed : dependencies(service.getValue())) {
        assertThat(services.has(needed))
            .as("service %s depends on %s, which the file lacks", service.getKey(), needed)
            .isTrue();
      }
    }
  }

  @Test
  void everyVolumeIsDeclaredAndEveryMountedFileExists() throws IOException {
    final List<String> ignored = Files.readAllLines(ROOT.resolve(".gitignore"));
    for (final Map.Entry<String, JsonNode> service : services.properties()) {
      for (final JsonNode mount : service.getValue().path("volumes")) {
        final String source = mount.asText().split(":")[0];
        if (source.startsWith("./")) {
          final String file = source.substring(2);
          // A git-ignored file is the operator's to provide (the Prometheus token).
          assertThat(Files.exists(ROOT.resolve(file)) || ignored.contains(file))
              .as("%s mounts %s, which the repository lacks", service.getKey(), source)
              .isTrue();
        } else {
          assertThat(compose.path("volumes").has(source))
              .as("%s mounts the volume %s, which is not declared", service.getKey(), source)
              .isTrue();
        }
      }
    }
  }

  @Test
  void flowdeskReadsEverySettingTheFileGivesIt() throws IOException {
    final Set<String> placeholders = new HashSet<>();
    final Matcher matcher =
        PLACEHOLDER.matcher(
            Files.readString(ROOT.resolve("app/src/main/resources/application.yml")));
    while (matcher.find()) {
      placeholders.add(matcher.group(1));
    }
    final JsonNode environment = services.path("flowdesk").path("environment");
    assertThat(environment.isObject()).isTrue();
    final List<String> unread = new ArrayList<>();
    for (final String variable : fieldNames(environment)) {
      final boolean jvm = variable.equals("JAVA_TOOL_OPTIONS");
      if (!jvm && !placeholders.contains(variable) && !connectorSetting(variable)) {
        unread.add(variable);
      }
    }
    assertThat(unread).as("settings nothing in Flowdesk reads").isEmpty();
  }

  @Test
  void outgoingMailGoesToTheMailCatcher() {
    final JsonNode environment = services.path("flowdesk").path("environment");
    final String mailHost = environment.path("FLOWDESK_CONNECTORS_MAIL_HOST").asText();
    assertThat(services.has(mailHost)).as("mail host %s is a service", mailHost).isTrue();
    assertThat(dependencies(services.path("flowdesk"))).contains(mailHost, "postgres");
    assertThat(environment.path("FLOWDESK_DB_URL").asText()).contains("//postgres:");
  }

  @Test
  void prometheusScrapesFlowdesksMetricsWithCredentials() throws IOException {
    final JsonNode prometheus = services.path("prometheus");
    assertThat(prometheus.path("profiles").toString()).contains("monitoring");
    final JsonNode scrape =
        YAML.readTree(ROOT.resolve("ops/prometheus/prometheus.yml").toFile())
            .path("scrape_configs")
            .get(0);
    assertThat(scrape.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
    final String target = scrape.path("static_configs").get(0).path("targets").get(0).asText();
    final String port =
        services.path("flowdesk").path("environment").path("FLOWDESK_HTTP_PORT").asText();
    assertThat(target).isEqualTo("flowdesk:" + port);
    // The endpoint wants credentials: the token file must be mounted where the config reads it.
    final String tokenFile = scrape.path("authorization").path("credentials_file").asText();
    assertThat(tokenFile).isNotEmpty();
    assertThat(prometheus.path("volumes").toString()).contains(":" + tokenFile + ":");
    assertThat(Files.readString(ROOT.resolve("app/src/main/resources/application.yml")))
        .containsPattern("include: .*prometheus");
  }

  /**
   * The vendored schema (2021) names itself and its parts with draft 4's {@code id}, which its
   * declared dialect (2019-09) does not know; they are names only and constrain nothing.
   */
  private static void withoutDraft4Ids(final JsonNode node) {
    if (node instanceof ObjectNode object && object.path("id").isTextual()) {
      object.remove("id");
    }
    node.forEach(ComposeFileTest::withoutDraft4Ids);
  }

  /**
   * FLOWDESK_CONNECTORS_MAIL_MESSAGE_ID_DOMAIN binds to flowdesk.connectors.mail.message-id-domain.
   */
  static boolean connectorSetting(final String variable) {
    final String prefix = "FLOWDESK_CONNECTORS_";
    if (!variable.startsWith(prefix)) {
      return false;
    }
    final String rest = variable.substring(prefix.length());
    for (final RecordComponent section : ConnectorProperties.class.getRecordComponents()) {
      final String sectionPrefix = section.getName().toUpperCase(Locale.ROOT) + "_";
      if (rest.startsWith(sectionPrefix) && section.getType().isRecord()) {
        final String field = rest.substring(sectionPrefix.length()).replace("_", "");
        return Arrays.stream(section.getType().getRecordComponents())
            .anyMatch(component -> component.getName().equalsIgnoreCase(field));
      }
    }
    return false;
  }

  private static List<String> dependencies(final JsonNode service) {
    final JsonNode dependsOn = service.path("depends_on");
    if (dependsOn.isArray()) {
      final List<String> names = new ArrayList<>();
      dependsOn.forEach(name -> names.add(name.asText()));
      return names;
    }
    return fieldNames(dependsOn);
  }

  private static List<String> fieldNames(final JsonNode node) {
    final List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
