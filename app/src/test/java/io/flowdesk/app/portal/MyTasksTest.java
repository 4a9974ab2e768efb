package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.CatalogDeployments;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.story.Chromium;
import io.flowdesk.domain.request.RequestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The tasks a request's process gives the person it is for (who has no inbox): "Waiting for you" on
 * My requests, and the task's page with its deployed form; nobody else can see or do it.
 */
class MyTasksTest extends WebTestSupport {

  private static final String CONFIRMATION_FORM =
      """
      {"id": "%s", "type": "default", "schemaVersion": 19,
       "executionPlatform": "Camunda Cloud", "executionPlatformVersion": "8.8.0",
       "components": [
         {"type": "textfield", "key": "serial", "label": "Serial number on the back",
          "id": "f1", "validate": {"required": true}},
         {"type": "textarea", "key": "remarks", "label": "Anything wrong with it?", "id": "f2"}]}""";

  @Autowired CamundaClient client;
  @Autowired ServiceCatalog catalog;
  @Autowired RequestRecords requests;

  /**
   * A catalog item whose process asks the person it is for to confirm the delivery, then waits (for
   * a group nobody is in) so that its variables can be read.
   */
  private String item() {
    final String id = "delivery-" + UUID.randomUUID().toString().substring(0, 8);
    CatalogDeployments.deployForm(client, id);
    client
        .newDeployResourceCommand()
        .addResourceString(
            CONFIRMATION_FORM.formatted(id + "-confirm"),
            StandardCharsets.UTF_8,
            id + "-confirm.form")
        .send()
        .join();
    final String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="test">
          <bpmn:process id="%1$s" name="New laptop" isExecutable="true">
            <bpmn:extensionElements>
              <zeebe:properties>
                <zeebe:property name="catalog.category" value="Hardware %1$s" />
              </zeebe:properties>
            </bpmn:extensionElements>
            <bpmn:startEvent id="ordered">
              <bpmn:extensionElements>
                <zeebe:formDefinition formId="%1$s" />
              </bpmn:extensionElements>
              <bpmn:outgoing>toConfirm</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="confirmDelivery" name="Confirm you received the laptop">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:formDefinition formId="%1$s-confirm" />
                <zeebe:assignmentDefinition assignee="=requestedFor" />
              </bpmn:extensionElements>
              <bpmn:incoming>toConfirm</bpmn:incoming>
              <bpmn:outgoing>toClose</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:userTask id="close" name="Close">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="catalog-test-fulfilment" />
              </bpmn:extensionElements>
              <bpmn:incoming>toClose</bpmn:incoming>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="toConfirm" sourceRef="ordered" targetRef="confirmDelivery" />
            <bpmn:sequenceFlow id="toClose" sourceRef="confirmDelivery" targetRef="close" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);
    client
        .newDeployResourceCommand()
        .addResourceString(bpmn, StandardCharsets.UTF_8, id + ".bpmn")
        .send()
        .join();
    await().atMost(Duration.ofSeconds(20)).until(() -> catalog.item(id).isPresent());
    return id;
  }

  /** alice orders the item; answers her request's number and the task that then waits for her. */
  private Ordered ordered(final MockHttpSession alice) throws Exception {
    final String id = item();
    final String number =
        mvc.perform(
                post("/portal/items/" + id)
                    .session(alice)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("model", "14 inch"))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl()
            .substring("/portal/requests/".length());
    final long instance = requests.findByNumber(number).orElseThrow().processInstanceKey();
    final UserTask task =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    tasks(instance).stream()
                        .filter(t -> "confirmDelivery".equals(t.getElementId()))
                        .findFirst()
                        .orElse(null),
                t -> t != null);
    return new Ordered(number, instance, task.getUserTaskKey());
  }

  private record Ordered(String number, long instance, long task) {}

  private List<UserTask> tasks(final long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items();
  }

  private UserTaskState state(final long key) {
    return client.newUserTaskGetRequest(key).send().join().getState();
  }

  private MvcResult submit(final MockHttpSession session, final long key, final String serial)
      throws Exception {
    return mvc.perform(
            post("/portal/tasks/" + key)
                .session(session)
                .with(csrf())
                .param("serial", serial)
                .param("remarks", "The box was dented"))
        .andReturn();
  }

  private static Document page(final MvcResult result) throws Exception {
    return Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void thePersonItIsForSeesTheTaskOnMyRequestsAndCompletesItWithTheFormOnce() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final Ordered ordered = ordered(alice);

    final Document list = html(get("/portal/requests").session(alice));
    final var link =
        list.selectFirst("#waiting-tasks a[href=/portal/tasks/" + ordered.task() + "]");
    assertThat(link.text()).isEqualTo("Confirm you received the laptop");
    assertThat(link.closest("tr").text()).contains(ordered.number(), "New laptop");

    final Document task = html(get("/portal/tasks/" + ordered.task()).session(alice));
    assertThat(task.getElementById("task-name").text())
        .isEqualTo("Confirm you received the laptop");
    assertThat(task.select("#task-request a").attr("href"))
        .isEqualTo("/portal/requests/" + ordered.number());
    assertThat(task.select("input[name=serial]")).hasSize(1);

    final MvcResult invalid = submit(alice, ordered.task(), "");
    assertThat(invalid.getResponse().getStatus()).isEqualTo(422);
    final Document refused = page(invalid);
    final var serial = refused.selectFirst("[name=serial]");
    assertThat(serial.attr("aria-invalid")).isEqualTo("true");
    assertThat(refused.getElementById(serial.id() + "-error").text())
        .isEqualTo("Error: Serial number on the back is required.");
    assertThat(refused.selectFirst("[name=remarks]").wholeText()).isEqualTo("The box was dented");
    assertThat(state(ordered.task())).isEqualTo(UserTaskState.CREATED);

    final MvcResult done = submit(alice, ordered.task(), "PF3X9K");
    assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/portal/requests");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> state(ordered.task()) == UserTaskState.COMPLETED);
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(ordered.instance()).name("serial"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(v -> assertThat(v.getValue()).isEqualTo("\"PF3X9K\""));

    final MvcResult again = submit(alice, ordered.task(), "OTHER");
    assertThat(again.getResponse().getStatus()).isEqualTo(409);
    assertThat(page(again).getElementById("already-done").text()).contains("already done");
    assertThat(
            html(get("/portal/tasks/" + ordered.task()).session(alice))
                .getElementById("already-done"))
        .isNotNull();
    assertThat(
            html(get("/portal/requests").session(alice))
                .select("#waiting-tasks a[href=/portal/tasks/" + ordered.task() + "]"))
        .isEmpty();
  }

  @Test
  void nobodyElseOpensOrCompletesItAndASessionPostNeedsItsCsrfToken() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final Ordered ordered = ordered(alice);
    final MockHttpSession bob = signIn("bob");

    mvc.perform(get("/portal/tasks/" + ordered.task()).session(bob))
        .andExpect(status().isNotFound());
    assertThat(submit(bob, ordered.task(), "PF3X9K").getResponse().getStatus()).isEqualTo(404);
    mvc.perform(get("/portal/tasks/" + Long.MAX_VALUE).session(alice))
        .andExpect(status().isNotFound());
    assertThat(
            html(get("/portal/requests").session(bob))
                .select("#waiting-tasks a[href=/portal/tasks/" + ordered.task() + "]"))
        .isEmpty();
    mvc.perform(post("/portal/tasks/" + ordered.task()).session(alice).param("serial", "PF3X9K"))
        .andExpect(status().isForbidden());

    assertThat(state(ordered.task())).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void approvalsAreLeftToMyApprovals() throws Exception {
    final String process = "my-tasks-approval-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .callActivity(
                    "approve",
                    c ->
                        c.zeebeProcessId("flowdesk-approval")
                            .zeebePropagateAllParentVariables(false)
                            .zeebeInputExpression("[\"alice\"]", "approvers")
                            .zeebeInputExpression("\"Bob's monitor\"", "subject")
                            .zeebeInputExpression("\"bob\"", "requester")
                            .zeebeInputExpression("\"bob\"", "requestedFor"))
                .endEvent()
                .done(),
            process + ".bpmn")
        .send()
        .join();
    client.newCreateInstanceCommand().bpmnProcessId(process).latestVersion().send().join();
    final UserTask approval =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f ->
                                f.assignee("alice")
                                    .state(UserTaskState.CREATED)
                                    .bpmnProcessId("flowdesk-approval"))
                        .send()
                        .join()
                        .items()
                        .stream()
                        .findFirst()
                        .orElse(null),
                t -> t != null);
    final MockHttpSession alice = signIn("alice");

    assertThat(
            html(get("/portal/requests").session(alice))
                .select("#waiting-tasks a[href=/portal/tasks/" + approval.getUserTaskKey() + "]"))
        .isEmpty();
    mvc.perform(get("/portal/tasks/" + approval.getUserTaskKey()).session(alice))
        .andExpect(redirectedUrl("/portal/approvals"));
  }

  @Test
  void waitingForYouAndTheTaskOnDesktopAndPhone() throws Exception {
    final Ordered ordered = ordered(signIn("alice"));
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page alice =
          browser
              .newContext(
                  new Browser.NewContextOptions().setBaseURL("http://localhost:" + webPort()))
              .newPage();
      alice.navigate("/login");
      alice.fill("#username", "alice");
      alice.fill("#password", DEMO_PASSWORD);
      alice.click("button:has-text('Sign in')");
      alice.waitForURL("**/portal");

      alice.navigate("/portal/requests");
      Chromium.shoot(alice, "my-requests-waiting-for-you");
      assertThat(fitsThePhone(alice)).isTrue();

      alice.click("a[href='/portal/tasks/" + ordered.task() + "']");
      alice.waitForURL("**/portal/tasks/" + ordered.task());
      alice.fill("[name=remarks]", "The box was dented");
      alice.click("form.fd-form button[type=submit]");
      assertThat(alice.textContent(".fd-error")).contains("is required");
      Chromium.shoot(alice, "my-task");
      assertThat(fitsThePhone(alice)).isTrue();
    }
  }

  /** Nothing sticks out sideways on a 390 px wide phone. */
  private static boolean fitsThePhone(final Page page) {
    page.setViewportSize(390, 844);
    final boolean fits =
        (Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth");
    page.setViewportSize(1280, 900);
    return fits;
  }
}
