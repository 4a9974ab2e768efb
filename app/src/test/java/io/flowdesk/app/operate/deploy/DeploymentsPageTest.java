package io.flowdesk.app.operate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/** Deploying from the browser at {@code /operate/deployments}, through HTTP as a browser does. */
class DeploymentsPageTest extends WebTestSupport {

  @Autowired CamundaClient client;

  private final String id = "uploaded" + UUID.randomUUID().toString().replace("-", "");

  static MockMultipartFile bpmn(final String processId, final String taskType, final String name) {
    return new MockMultipartFile(
        "files",
        name,
        "application/octet-stream",
        Bpmn.convertToString(
                Bpmn.createExecutableProcess(processId)
                    .startEvent()
                    .serviceTask("work", t -> t.zeebeJobType(taskType))
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A service task without job type: the engine refuses it naming the element. */
  static MockMultipartFile invalidBpmn(final String processId, final String name) {
    return new MockMultipartFile(
        "files",
        name,
        "application/octet-stream",
        Bpmn.convertToString(
                Bpmn.createExecutableProcess(processId)
                    .startEvent()
                    .serviceTask("broken-task")
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8));
  }

  private long versions(final String processId) {
    return client
        .newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .send()
        .join()
        .items()
        .size();
  }

  @Test
  void aProcessOwnerDeploysSeveralFilesAndSeesThemInTheHistory() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    final String other = id + "b";
    // The model builder names flows at random: each file is built once and uploaded as it is.
    final MockMultipartFile first = bpmn(id, "a", id + ".bpmn");
    final MockMultipartFile second = bpmn(id, "a2", id + ".bpmn");
    final MockMultipartFile unchanged = bpmn(other, "b", other + ".bpmn");
    for (final MockMultipartFile changing : List.of(first, second, second)) {
      mvc.perform(
              multipart("/operate/deployments")
                  .file(changing)
                  .file(unchanged)
                  .session(otto)
                  .with(csrf()))
          .andExpect(redirectedUrl("/operate/deployments"));
    }

    assertThat(versions(id)).isEqualTo(2);
    final Document page = html(get("/operate/deployments").session(otto));
    final var rows = page.select("#deploy-history tr:contains(" + id + ".bpmn)");
    assertThat(rows).hasSize(3);
    // Newest first: the unchanged re-upload, the new version, the first deployment.
    assertThat(rows.get(0).text())
        .contains("owner.otto", "(browser)", id + ".bpmn: unchanged (duplicate of v2)");
    assertThat(rows.get(1).text())
        .contains(id + ".bpmn: new version (previous v1)", other + ".bpmn: new version");
    assertThat(rows.get(2).text()).contains(id + " v1", id + ".bpmn: new", other + " v1");
  }

  @Test
  void aDeploymentWithOneBadFileStoresNothingAndNamesFileAndElement() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    final String bad = id + "bad";

    final var response =
        mvc.perform(
                multipart("/operate/deployments")
                    .file(bpmn(id, "a", id + ".bpmn"))
                    .file(invalidBpmn(bad, bad + ".bpmn"))
                    .session(otto)
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse();

    final Document page =
        org.jsoup.Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    final Element errors = page.selectFirst("#deploy-errors");
    assertThat(errors).isNotNull();
    assertThat(errors.text()).contains("Nothing was deployed");
    final Element file = errors.selectFirst("[data-file=" + bad + ".bpmn]");
    assertThat(file).isNotNull();
    assertThat(file.selectFirst("[data-element=broken-task]")).isNotNull();
    assertThat(file.text()).contains("zeebe:taskDefinition");
    assertThat(versions(id)).isZero();
    assertThat(versions(bad)).isZero();
    assertThat(page.select("#deploy-history").text()).doesNotContain(id);
  }

  @Test
  void anUploadWithoutFilesOrWithAnUnknownKindIsRefusedInline() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    assertThat(
            html(multipart("/operate/deployments").session(otto).with(csrf()))
                .select("#deploy-errors")
                .text())
        .contains("Choose at least one");
    final Document page =
        html(
            multipart("/operate/deployments")
                .file(new MockMultipartFile("files", "notes.txt", "text/plain", "hi".getBytes()))
                .session(otto)
                .with(csrf()));
    assertThat(page.select("[data-file=notes.txt]").text()).contains("not supported");
  }

  @Test
  void onlyProcessOwnersAndAdminsDeployAndOnlyWithCsrf() throws Exception {
    mvc.perform(get("/operate/deployments").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/deployments").session(signIn("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(
            multipart("/operate/deployments")
                .file(bpmn(id, "a", id + ".bpmn"))
                .session(signIn("agent.anna"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(
            multipart("/operate/deployments")
                .file(bpmn(id, "a", id + ".bpmn"))
                .session(signIn("owner.otto")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/deployments").session(signIn("admin"))).andExpect(status().isOk());
    assertThat(versions(id)).isZero();
  }
}
