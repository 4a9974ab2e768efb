package io.flowdesk.workers.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.workers.approval.FindApproversWorker;
import io.flowdesk.workers.chat.ChatWorker;
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
          "etl.json", Map.entry(EtlWorker.TYPE, EtlWorker.INPUTS));

  /** The call activity template of the reusable approval (process flowdesk-approval). */
  static final String APPROVAL = "approval.json";

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
    final Set<String> known = new HashSet<>(WORKERS.keySet());
    known.add(APPROVAL);
    assertThat(files).containsExactlyInAnyOrderElementsOf(known);
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

  @ParameterizedTest
  @MethodSource("templates")
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
    assertThat(
            properties(template).stream()
                .anyMatch(p -> p.path("binding").path("key").asText().equals("resultVariable")))
        .isTrue();
  }

  @Test
  void theApprovalTemplateCallsTheApprovalWithTheInputsItReadsAndMapsOutTheOutcome()
      throws IOException {
    final JsonNode template = read(APPROVAL);

    assertThat(template.path("$schema").asText()).isEqualTo(SCHEMA);
    assertThat(template.path("id").asText()).isEqualTo("io.flowdesk.approval.v1");
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:CallActivity\"]");
    assertThat(
            properties(template).stream()
                .filter(p -> p.path("binding").path("type").asText().equals("zeebe:calledElement"))
                .map(p -> p.path("value").asText()))
        .containsExactly("flowdesk-approval");
    assertThat(
            properties(template).stream()
                .filter(p -> p.path("binding").path("type").asText().equals("zeebe:input"))
                .map(p -> p.path("binding").path("name").asText())
                .toList())
        .containsExactlyInAnyOrderElementsOf(FindApproversWorker.INPUTS);
    assertThat(
            properties(template).stream()
                .filter(p -> p.path("binding").path("type").asText().equals("zeebe:output"))
                .map(
                    p ->
                        p.path("binding").path("source").asText()
                            + " -> "
                            + p.path("value").asText()))
        .containsExactly("=approval -> approval");
    final Set<String> groups = new HashSet<>();
    template.path("groups").forEach(g -> groups.add(g.path("id").asText()));
    for (final JsonNode property : properties(template)) {
      if (property.has("group")) {
        assertThat(groups).contains(property.path("group").asText());
      }
      final JsonNode pattern = property.path("constraints").path("pattern");
      if (!pattern.isMissingNode()) {
        Pattern.compile(pattern.path("value").asText());
      }
    }
  }

  static List<JsonNode> properties(final JsonNode template) {
    final List<JsonNode> properties = new ArrayList<>();
    template.path("properties").forEach(properties::add);
    return properties;
  }
}
