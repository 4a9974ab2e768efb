package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployed forms over plain HTTP: {@code POST /v2/forms/search} (a Flowdesk addition: Camunda 8.8
 * reads forms only through a task or a start event) and {@code GET /v2/forms/{formKey}} in Camunda
 * 8.10's shape; deleted versions are neither found nor listed.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class FormSearchTest {

  CamundaClient client;
  Engine engine;
  private Http http;
  private String formId;
  private long first;
  private long second;

  @BeforeEach
  void twoVersionsOfAForm() {
    http = Http.of(engine);
    formId = "form-" + UUID.randomUUID().toString().substring(0, 8);
    first = deploy("First label");
    second = deploy("Second label");
  }

  private long deploy(final String label) {
    final String form =
        """
        {"id": "%s", "type": "default", "versionTag": "t-%s",
         "components": [{"type": "textfield", "key": "a", "label": "%s"}]}
        """
            .formatted(formId, label.charAt(0), label);
    return client
        .newDeployResourceCommand()
        .addResourceString(form, StandardCharsets.UTF_8, formId + ".form")
        .send()
        .join()
        .getForm()
        .get(0)
        .getFormKey();
  }

  private List<String> versions(final JsonNode answer) {
    final List<String> found = new ArrayList<>();
    answer.path("items").forEach(item -> found.add(item.path("version").asText()));
    return found;
  }

  @Test
  void theVersionsOfAFormAreSearchedByIdAndReadByKeyWithTheirSchema() {
    final Http.Answer search =
        http.post(
            "/v2/forms/search",
            Map.of(
                "filter", Map.of("formId", formId),
                "sort", List.of(Map.of("field", "version", "order", "DESC"))));
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    assertThat(versions(search.json())).containsExactly("2", "1");
    final JsonNode latest = search.json().path("items").path(0);
    assertThat(latest.path("formKey").asText()).isEqualTo(Long.toString(second));
    assertThat(latest.path("formId").asText()).isEqualTo(formId);
    assertThat(latest.path("versionTag").asText()).isEqualTo("t-S");
    assertThat(latest.path("resourceName").asText()).isEqualTo(formId + ".form");
    assertThat(latest.path("tenantId").asText()).isEqualTo("<default>");
    assertThat(latest.has("schema")).isFalse();
    assertThat(search.json().path("page").path("totalItems").asLong()).isEqualTo(2);

    final Http.Answer read = http.get("/v2/forms/" + first);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().path("formKey").asText()).isEqualTo(Long.toString(first));
    assertThat(read.json().path("version").asInt()).isEqualTo(1);
    assertThat(read.json().path("schema").asText()).contains("First label");
  }

  @Test
  void deletedVersionsAndUnknownKeysAreNotFoundAndUnknownFiltersAreRefused() {
    client.newDeleteResourceCommand(second).send().join();

    assertThat(
            versions(
                http.post("/v2/forms/search", Map.of("filter", Map.of("formId", formId))).json()))
        .containsExactly("1");
    assertThat(http.get("/v2/forms/" + second).status()).isEqualTo(404);
    final Http.Answer unknown = http.get("/v2/forms/2251799813685249");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    final Http.Answer badFilter =
        http.post("/v2/forms/search", Map.of("filter", Map.of("colour", "blue")));
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.body()).contains("colour", "formId");
  }
}
