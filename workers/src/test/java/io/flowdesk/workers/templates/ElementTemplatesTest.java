package io.flowdesk.workers.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.workers.approval.FindApproversWorker;
import io.flowdesk.workers.chat.ChatWorker;
import io.flowdesk.workers.cmdb.CmdbImportWorker;
import io.flowdesk.workers.etl.EtlWorker;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.rpa.RpaWorker;
import io.flowdesk.workers.sms.SmsWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The element templates in connectors/element-templates against the workers that run them. */
class ElementTemplatesTest {

  static final String SCHEMA =
      "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";

  /** Template file -> the task type and the zeebe:input names its worker reads. */
  static final Map<String, Map.Entry<String, List<String>>> WORKERS =
      Map.of(
          "email.json", Map.entry(EmailWorker.TYPE, EmailWorker.INPUTS),
          "sms.json", Map.entry(SmsWorker.TYPE, SmsWorker.INPUTS),
          "chat.json", Map.entry(ChatWorker.TYPE, ChatWorker.INPUTS),
          "http.json", Map.entry(HttpWorker.TYPE, HttpWorker.INPUTS),
          "rpa.json", Map.entry(RpaWorker.TYPE, RpaWorker.INPUTS),
          "etl.json", Map.entry(EtlWorker.TYPE, EtlWorker.INPUTS),
          "cmdb.json", Map.entry(CmdbImportWorker.TYPE, CmdbImportWorker.INPUTS));

  /** Templates of the request building blocks (issue 18), which no connector worker runs. */
  static final List<String> REQUEST_BLOCKS = List.of("approval.json", "request-stage.json");

  /** The stages {@code flowdesk:request-stage} knows (docs/contracts: requests and approvals). */
  static final List<String> STAGES =
      List.of("approval", "fulfilment", "fulfilled", "rejected", "closed", "canceled");

  /** The inputs of process {@code flowdesk-approval}, as its first worker reads them. */
  static final List<String> APPROVAL_INPUTS = FindApproversWorker.INPUTS;

  static Path directory() {
    return Path.of(System.getProperty("flowdesk.templates", "../connectors/element-templates"));
  }

  static Stream<String> templates() {
    return WORKERS.keySet().stream().sorted();
  }

  static JsonNode read(final String file) throws IOException {
    return new ObjectMapper().readTree(directory().resolve(file).toFile());
  }

  @Test
  void everyTemplateFileBelongsToAWorkerAndIdsAreUnique() throws IOException {
    final List<String> files;
    try (Stream<Path> list = Files.list(directory())) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    final List<String> expected = new ArrayList<>(WORKERS.keySet());
    expected.addAll(REQUEST_BLOCKS);
    assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
    final Set<String> ids = new HashSet<>();
    for (final String file : files) {
      final JsonNode template = read(file);
      assertThat(ids.add(template.path("id").asText() + "@" + template.path("version").asInt()))
          .as("id and version of %s are unique", file)
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void aTemplateTargetsAServiceTaskOfItsWorkersType(final String file) throws IOException {
    final JsonNode template = read(file);

    assertThat(template.path("$schema").asText()).isEqualTo(SCHEMA);
    assertThat(template.path("id").asText())
        .matches("io\\.flowdesk\\.connectors\\.[a-z]+\\.v1")
        .contains("." + file.replace(".json", "") + ".");
    assertThat(template.path("version").isInt()).isTrue();
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:Task\"]");
    assertThat(template.path("elementType").path("value").asText()).isEqualTo("bpmn:ServiceTask");
    final List<JsonNode> taskType =
        properties(template).stream()
            .filter(p -> p.path("binding").path("type").asText().equals("zeebe:taskDefinition"))
            .filter(p -> p.path("binding").path("property").asText().equals("type"))
            .toList();
    assertThat(taskType).hasSize(1);
    assertThat(taskType.get(0).path("type").asText()).isEqualTo("Hidden");
    assertThat(taskType.get(0).path("value").asText()).isEqualTo(WORKERS.get(file).getKey());
  }

  @ParameterizedTest
  @MethodSource("templates")
  void aTemplateDeclaresExactlyTheInputsItsWorkerReads(final String file) throws IOException {
    final List<String> inputs =
        properties(read(file)).stream()
            .filter(p -> p.path("binding").path("type").asText().equals("zeebe:input"))
            .map(p -> p.path("binding").path("name").asText())
            .toList();

    assertThat(inputs).doesNotHaveDuplicates();
    assertThat(inputs).containsExactlyInAnyOrderElementsOf(WORKERS.get(file).getValue());
  }

  static Stream<String> allTemplates() {
    return Stream.concat(templates(), REQUEST_BLOCKS.stream());
  }

  @ParameterizedTest
  @MethodSource("allTemplates")
  void groupsConditionsAndPatternsOfATemplateAreConsistent(final String file) throws IOException {
    final JsonNode template = read(file);
    final Set<String> groups = new HashSet<>();
    template.path("groups").forEach(g -> groups.add(g.path("id").asText()));
    final Set<String> ids = new HashSet<>();
    properties(template).forEach(p -> ids.add(p.path("id").asText()));

    for (final JsonNode property : properties(template)) {
      if (property.has("group")) {
        assertThat(groups)
            .as("group of %s", property.path("id"))
            .contains(property.path("group").asText());
      }
      if (property.has("condition")) {
        assertThat(ids).contains(property.path("condition").path("property").asText());
      }
      final JsonNode pattern = property.path("constraints").path("pattern");
      if (!pattern.isMissingNode()) {
        Pattern.compile(pattern.path("value").asText());
        assertThat(pattern.path("message").asText()).isNotBlank();
      }
      if (property.path("type").asText().equals("Dropdown")) {
        assertThat(property.path("choices").size()).isPositive();
      }
    }
    assertThat(template.path("$schema").asText()).isEqualTo(SCHEMA);
    assertThat(
            properties(template).stream()
                .anyMatch(
                    p ->
                        p.path("binding").path("key").asText().equals("resultVariable")
                            || p.path("binding").path("type").asText().equals("zeebe:output")))
        .as("%s names where its result goes (a stage has none)", file)
        .isEqualTo(!file.equals("request-stage.json"));
  }

  @Test
  void theRequestStageTemplateSetsOneOfTheStagesAsTheStageHeaderOfARequestStageJob()
      throws IOException {
    final JsonNode template = read("request-stage.json");

    assertThat(template.path("id").asText()).isEqualTo("io.flowdesk.requests.stage.v1");
    assertThat(template.path("elementType").path("value").asText()).isEqualTo("bpmn:ServiceTask");
    assertThat(hidden(template, "zeebe:taskDefinition", "type"))
        .isEqualTo("flowdesk:request-stage");
    final JsonNode stage = property(template, "stage");
    assertThat(stage.path("binding").path("type").asText()).isEqualTo("zeebe:taskHeader");
    assertThat(stage.path("binding").path("key").asText()).isEqualTo("stage");
    assertThat(values(stage)).containsExactlyElementsOf(STAGES);
    assertThat(inputs(template)).containsExactly("comment", "notify");
  }

  @Test
  void theApprovalTemplateCallsFlowdeskApprovalWithItsInputsAndMapsItsDecisionOut()
      throws IOException {
    final JsonNode template = read("approval.json");

    assertThat(template.path("id").asText()).isEqualTo("io.flowdesk.requests.approval.v1");
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:CallActivity\"]");
    assertThat(hidden(template, "zeebe:calledElement", "processId")).isEqualTo("flowdesk-approval");
    assertThat(inputs(template)).containsExactlyInAnyOrderElementsOf(APPROVAL_INPUTS);
    assertThat(values(property(template, "mode")))
        .containsExactly("any", "all", "sequential", "quorum", "first");
    assertThat(values(property(template, "onExpiry"))).containsExactly("reject", "escalate");
    assertThat(
            properties(template).stream()
                .filter(p -> p.path("binding").path("type").asText().equals("zeebe:output"))
                .map(p -> p.path("binding").path("source").asText()))
        .containsExactly("=approval");
  }

  @Test
  void everyTemplateThePackagedProcessesUseExists() throws IOException {
    final Set<String> ids = new HashSet<>();
    for (final String file : allTemplates().toList()) {
      final JsonNode template = read(file);
      ids.add(template.path("id").asText() + "@" + template.path("version").asInt());
    }
    final Pattern used =
        Pattern.compile(
            "zeebe:modelerTemplate=\"([^\"]+)\" zeebe:modelerTemplateVersion=\"(\\d+)\"");
    final Path processes = Path.of(System.getProperty("flowdesk.processes", "../processes"));
    final List<Path> diagrams;
    try (Stream<Path> files = Files.walk(processes)) {
      diagrams = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
    }
    int uses = 0;
    for (final Path diagram : diagrams) {
      final java.util.regex.Matcher use = used.matcher(Files.readString(diagram));
      while (use.find()) {
        assertThat(ids).as("template of %s", diagram).contains(use.group(1) + "@" + use.group(2));
        uses++;
      }
    }
    assertThat(uses).isPositive();
  }

  static String hidden(final JsonNode template, final String bindingType, final String property) {
    return properties(template).stream()
        .filter(p -> p.path("type").asText().equals("Hidden"))
        .filter(p -> p.path("binding").path("type").asText().equals(bindingType))
        .filter(p -> p.path("binding").path("property").asText().equals(property))
        .map(p -> p.path("value").asText())
        .findFirst()
        .orElse(null);
  }

  static JsonNode property(final JsonNode template, final String id) {
    return properties(template).stream()
        .filter(p -> p.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static List<String> values(final JsonNode dropdown) {
    final List<String> values = new ArrayList<>();
    dropdown.path("choices").forEach(c -> values.add(c.path("value").asText()));
    return values;
  }

  static List<String> inputs(final JsonNode template) {
    return properties(template).stream()
        .filter(p -> p.path("binding").path("type").asText().equals("zeebe:input"))
        .map(p -> p.path("binding").path("name").asText())
        .toList();
  }

  static List<JsonNode> properties(final JsonNode template) {
    final List<JsonNode> properties = new ArrayList<>();
    template.path("properties").forEach(properties::add);
    return properties;
  }
}
