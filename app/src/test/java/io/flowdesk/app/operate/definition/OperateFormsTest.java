package io.flowdesk.app.operate.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The console's Forms list and the read-only preview of a deployed form version. */
class OperateFormsTest extends WebTestSupport {

  @Autowired CamundaClient client;

  private String formId;
  private long first;
  private long second;

  @BeforeEach
  void twoVersionsOfAForm() {
    formId = "operate-form-" + UUID.randomUUID().toString().substring(0, 8);
    first = deploy("First label");
    second = deploy("Second label");
  }

  private long deploy(final String label) {
    final String form =
        """
        {"id": "%s", "type": "default", "executionPlatform": "Camunda Cloud",
         "executionPlatformVersion": "8.8.0", "schemaVersion": 19,
         "components": [{"type": "textfield", "id": "Field_a", "key": "a", "label": "%s",
                         "validate": {"required": true}}]}
        """
            .formatted(formId, label);
    return client
        .newDeployResourceCommand()
        .addResourceString(form, StandardCharsets.UTF_8, formId + ".form")
        .send()
        .join()
        .getForm()
        .get(0)
        .getFormKey();
  }

  @Test
  void theFormIsListedWithItsVersionsEachPreviewedReadOnlyAsDeployed() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    final Document list = html(get("/operate/forms").param("q", formId).session(otto));

    assertThat(list.select("#operate-forms").attr("aria-current")).isEqualTo("page");
    final Element row = list.selectFirst("#forms tr[data-form-id=" + formId + "]");
    assertThat(row).as(list.select("main").text()).isNotNull();
    assertThat(row.select(".fd-operate-version").eachText()).containsExactly("v2", "v1");
    assertThat(row.select(".fd-operate-version").eachAttr("href"))
        .containsExactly("/operate/forms/" + second, "/operate/forms/" + first);
    assertThat(list.select("#forms tbody tr")).hasSize(1);

    final Document preview = html(get("/operate/forms/" + first).session(otto));
    assertThat(preview.select("h1").text()).isEqualTo("Form " + formId + " version 1");
    final Element fields = preview.selectFirst("#form-preview");
    assertThat(fields.hasAttr("disabled")).isTrue();
    assertThat(fields.select("label").text()).contains("First label");
    assertThat(fields.select("input[name=a]")).hasSize(1);
    assertThat(preview.select("main form")).isEmpty();
    assertThat(
            html(get("/operate/forms/" + second).session(otto))
                .select("#form-preview label")
                .text())
        .contains("Second label");

    final Document none =
        html(get("/operate/forms").param("q", "no form is named so").session(signIn("admin")));
    assertThat(none.select("#no-forms")).hasSize(1);
  }

  @Test
  void unknownKeysAreNotFoundAndOnlyProcessOwnersAndAdminsMayLook() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    for (final String path : List.of("/operate/forms/x1", "/operate/forms/2251799813999999")) {
      mvc.perform(get(path).session(otto)).andExpect(status().isNotFound());
    }
    for (final String person : List.of("agent.anna", "alice")) {
      final MockHttpSession session = signIn(person);
      for (final String path : List.of("/operate/forms", "/operate/forms/" + first)) {
        mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
      }
    }
  }
}
