package io.flowdesk.app.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.EngineRequests;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.story.Chromium;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalState;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The packaged approval (process flowdesk-approval, its form and workers) as approvers meet it: My
 * approvals, the inbox and {@code /api/approvals}, called from a request process with a start form
 * whose answers the approver sees.
 */
class ApprovalsTest extends WebTestSupport {

  static final String REQUEST_PROCESS = "approval-test-request";
  static final String REQUEST_FORM =
      """
      {"id": "approval-test-form", "type": "default", "schemaVersion": 19,
       "components": [
         {"type": "select", "key": "model", "label": "Laptop model", "id": "f1",
          "values": [{"label": "14-inch, 16 GB", "value": "small"},
                     {"label": "16-inch, 32 GB", "value": "large"}]},
         {"type": "textfield", "key": "why", "label": "Why", "id": "f2"}]}""";

  @Autowired CamundaClient client;
  @Autowired Approvals approvals;
  @Autowired RequestRecords requests;
  @Autowired EngineRequests engine;
  int version;

  @BeforeEach
  void requestProcess() {
    version =
        client
            .newDeployResourceCommand()
            .addResourceString(REQUEST_FORM, StandardCharsets.UTF_8, "approval-test-form.form")
            .addProcessModel(
                Bpmn.createExecutableProcess(REQUEST_PROCESS)
                    .startEvent()
                    .zeebeFormId("approval-test-form")
                    .callActivity(
                        "approve",
                        c ->
                            c.zeebeProcessId("flowdesk-approval")
                                .zeebePropagateAllParentVariables(false)
                                .zeebePropagateAllChildVariables(false)
                                .zeebeInputExpression("approvers", "approvers")
                                .zeebeInputExpression("mode", "mode")
                                .zeebeInputExpression("\"New laptop for \" + requester", "subject")
                                .zeebeInputExpression("requester", "requester")
                                .zeebeInputExpression("requester", "requestedFor")
                                .zeebeInputExpression("requestNumber", "recordNumber")
                                .zeebeOutputExpression("approval", "approval"))
                    .userTask("fulfil", t -> t.zeebeUserTask().zeebeCandidateGroups("service-desk"))
                    .endEvent()
                    .done(),
                REQUEST_PROCESS + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getVersion();
  }

  /** alice asks; the approval waits for {@code approvers}. */
  Approval requested(final List<String> approvers) {
    return requested(approvers, ordered().number());
  }

  /** alice's request record, as ordering it records it, with the answers the approver reads. */
  Request ordered() {
    final Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("why", "Builds take an hour");
    answers.put("model", "large");
    answers.put("comment", null);
    return requests.submit(
        new NewRequest("alice", "alice", REQUEST_PROCESS, version, "New laptop", answers, null),
        Actor.person("alice"));
  }

  /** The approval asked for record {@code number}. */
  Approval requested(final List<String> approvers, final String number) {
    return requested(approvers, number, "any");
  }

  /** The approval asked for record {@code number}, in {@code mode}. */
  Approval requested(final List<String> approvers, final String number, final String mode) {
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(REQUEST_PROCESS)
        .latestVersion()
        .variables(
            Map.of(
                "approvers",
                approvers,
                "mode",
                mode,
                "requester",
                "alice",
                "requestNumber",
                number,
                // What the approver reads is the record's answers, not the process's variables.
                "model",
                "small",
                "why",
                "changed by the process"))
        .send()
        .join();
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> approvals.forRecord(number).stream().findFirst().orElse(null),
            approval -> approval != null && !openTasks(approval).isEmpty());
  }

  List<UserTask> openTasks(final Approval approval) {
    return client
        .newUserTaskSearchRequest()
        .filter(
            f -> f.processInstanceKey(approval.processInstanceKey()).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  Approval now(final Approval approval) {
    return approvals.find(approval.id()).orElseThrow();
  }

  static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  static MockHttpServletRequestBuilder postJson(final String path, final String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  @Test
  void theManagerSeesTheApprovalWithTheRequestersAnswersAndApprovesIt() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final MockHttpSession maria = signIn("manager.maria");

    final Document list = html(get("/portal/approvals").session(maria));
    assertThat(list.select("#approvals a[href=/portal/approvals/" + approval.id() + "]").text())
        .isEqualTo("New laptop for alice");
    assertThat(list.select("#approvals td[data-label=Requested by]").eachText())
        .contains("Alice Andersen");
    final Document detail = html(get("/portal/approvals/" + approval.id()).session(maria));
    assertThat(detail.select("#record-number").text()).isEqualTo(approval.recordNumber());
    assertThat(detail.select("#requester").text()).isEqualTo("Alice Andersen");
    assertThat(detail.select("#answers").text())
        .isEqualTo("Laptop model 16-inch, 32 GB Why Builds take an hour");
    assertThat(detail.select("#decide input[name=decision]")).hasSize(3);

    mvc.perform(
            post("/portal/approvals/" + approval.id())
                .session(maria)
                .with(csrf())
                .param("decision", "approve")
                .param("comment", "Go ahead"))
        .andExpect(redirectedUrl("/portal/approvals"));

    assertThat(now(approval).decisions())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.actor()).isEqualTo("manager.maria");
              assertThat(step.action()).isEqualTo(ApprovalAction.APPROVED);
              assertThat(step.comment()).isEqualTo("Go ahead");
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> openTasks(approval).isEmpty());
  }

  @Test
  void theApprovalPageComesFromTheRecordsWithoutAskingTheEngine() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final MockHttpSession maria = signIn("manager.maria");
    final MockHttpSession bob = signIn("bob");
    html(get("/portal/approvals").session(maria)); // the list reads maria's tasks, as always

    final EngineRequests.Recorded<Document> viewed =
        engine.during(
            () -> {
              for (int view = 0; view < 3; view++) {
                html(get("/portal/approvals/" + approval.id()).session(maria));
              }
              mvc.perform(get("/portal/approvals/" + approval.id()).session(bob))
                  .andExpect(status().isNotFound());
              return html(get("/portal/approvals/" + approval.id()).session(maria));
            });

    assertThat(viewed.userTaskRequests()).isEmpty();
    assertThat(viewed.result().select("#answers").text())
        .isEqualTo("Laptop model 16-inch, 32 GB Why Builds take an hour");
    assertThat(viewed.result().select("#decide input[name=decision]")).hasSize(3);
  }

  @Test
  void inSequenceTheNextApproverSeesTheApprovalOnlyOnceThePreviousOneApproved() throws Exception {
    final Approval approval =
        requested(List.of("manager.maria", "cab.carl"), ordered().number(), "sequential");
    final MockHttpSession maria = signIn("manager.maria");
    final MockHttpSession carl = signIn("cab.carl");
    final String page = "/portal/approvals/" + approval.id();
    mvc.perform(get(page).session(carl)).andExpect(status().isNotFound());

    mvc.perform(
            post(page)
                .session(maria)
                .with(csrf())
                .param("decision", "approve")
                .param("comment", ""))
        .andExpect(redirectedUrl("/portal/approvals"));

    mvc.perform(get(page).session(maria)).andExpect(status().isNotFound());
    assertThat(html(get(page).session(carl)).select("#decide input[name=decision]")).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> openTasks(approval).stream().anyMatch(t -> "cab.carl".equals(t.getAssignee())));
    mvc.perform(post(page).session(carl).with(csrf()).param("decision", "approve"))
        .andExpect(redirectedUrl("/portal/approvals"));
    mvc.perform(get(page).session(carl)).andExpect(status().isNotFound());
  }

  @Test
  void anApprovalOfAnotherKindOfRecordShowsItsSubjectWithoutAnswers() throws Exception {
    final Approval approval = requested(List.of("manager:alice"), "CHG0000042");
    final MockHttpSession maria = signIn("manager.maria");

    final Document detail = html(get("/portal/approvals/" + approval.id()).session(maria));

    assertThat(detail.select("#record-number").text()).isEqualTo("CHG0000042");
    assertThat(detail.select("#answers")).isEmpty();
    assertThat(detail.select("#decide input[name=decision]")).hasSize(3);
  }

  @Test
  void aRejectionWithoutCommentIsRefusedInlineAndRecordsNothing() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final MockHttpSession maria = signIn("manager.maria");

    final Document refused =
        html(
            post("/portal/approvals/" + approval.id())
                .session(maria)
                .with(csrf())
                .param("decision", "reject")
                .param("comment", " "));

    assertThat(refused.select(".fd-error").text())
        .contains("A rejection needs a comment saying why.");
    assertThat(refused.select("input[name=decision][value=reject]").attr("checked")).isNotNull();
    assertThat(now(approval).steps()).isEmpty();
    assertThat(openTasks(approval)).hasSize(1);
    mvc.perform(
            post("/portal/approvals/" + approval.id())
                .session(maria)
                .with(csrf())
                .param("decision", "reject")
                .param("comment", " "))
        .andExpect(status().isUnprocessableEntity());
  }

  @Test
  void theApiListsMyOpenApprovalsAndDecidesThemWithProblemsNamingBadInput() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));

    mvc.perform(get("/api/approvals").with(as("manager.maria")))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$[?(@.id == " + approval.id() + ")].recordNumber")
                .value(approval.recordNumber()));
    mvc.perform(get("/api/approvals").with(as("bob")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + approval.id() + ")]").isEmpty());

    final String path = "/api/approvals/" + approval.id();
    mvc.perform(postJson(path, "{\"decision\": \"reject\"}").with(as("manager.maria")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("A rejection needs a comment saying why."));
    mvc.perform(postJson(path, "{\"decision\": \"maybe\"}").with(as("manager.maria")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value(containsString("\"approve\", \"reject\" or \"abstain\", was \"maybe\"")));
    mvc.perform(
            postJson(path, "{\"decision\": \"approve\", \"amount\": 1}").with(as("manager.maria")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.amount").value(containsString("unknown field")));
    assertThat(now(approval).steps()).isEmpty();

    mvc.perform(
            postJson(path, "{\"decision\": \"reject\", \"comment\": \"Use a loan laptop\"}")
                .with(as("manager.maria")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.steps[0].action").value("rejected"))
        .andExpect(jsonPath("$.steps[0].comment").value("Use a loan laptop"));
    mvc.perform(postJson(path, "{\"decision\": \"approve\"}").with(as("manager.maria")))
        .andExpect(status().isNotFound());
  }

  @Test
  void anAbstentionNeedsACommentInTheFormAndTheApiAndCountsForNeitherSide() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final MockHttpSession maria = signIn("manager.maria");
    final String path = "/api/approvals/" + approval.id();

    final Document refused =
        html(
            post("/portal/approvals/" + approval.id())
                .session(maria)
                .with(csrf())
                .param("decision", "abstain")
                .param("comment", ""));
    assertThat(refused.select(".fd-error").text())
        .contains("An abstention needs a comment saying why.");
    mvc.perform(postJson(path, "{\"decision\": \"abstain\"}").with(as("manager.maria")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("An abstention needs a comment saying why."));
    assertThat(now(approval).steps()).isEmpty();

    mvc.perform(
            postJson(path, "{\"decision\": \"abstain\", \"comment\": \"I sit on the board\"}")
                .with(as("manager.maria")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.steps[0].action").value("abstained"))
        .andExpect(jsonPath("$.steps[0].comment").value("I sit on the board"));
    // The only approver abstained: nobody approved, so the approval ends rejected.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> now(approval).state() == ApprovalState.REJECTED);
  }

  @Test
  void nobodyDecidesSomeoneElsesApprovalAndASessionPostNeedsItsCsrfToken() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final String path = "/api/approvals/" + approval.id();

    for (final String other : List.of("bob", "alice", "agent.anna", "admin")) {
      mvc.perform(postJson(path, "{\"decision\": \"approve\"}").with(as(other)))
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      mvc.perform(get("/portal/approvals/" + approval.id()).session(signIn(other)))
          .andExpect(status().isNotFound());
    }
    mvc.perform(postJson("/api/approvals/999999999", "{\"decision\": \"approve\"}").with(as("bob")))
        .andExpect(status().isNotFound());
    final MockHttpSession maria = signIn("manager.maria");
    mvc.perform(postJson(path, "{\"decision\": \"approve\"}").session(maria))
        .andExpect(status().isForbidden());
    assertThat(now(approval).steps()).isEmpty();

    mvc.perform(postJson(path, "{\"decision\": \"approve\"}").session(maria).with(csrf()))
        .andExpect(status().isOk());
  }

  @Test
  void aDelegationNeedsAReasonAndADelegateWhoMayDecideWhoThenDecidesOnBehalf() throws Exception {
    final Approval approval = requested(List.of("manager:alice"));
    final MockHttpSession maria = signIn("manager.maria");
    final String delegation = "/portal/approvals/" + approval.id() + "/delegation";

    final Document toRequester =
        html(
            post(delegation)
                .session(maria)
                .with(csrf())
                .param("delegate", "alice")
                .param("reason", "x"));
    assertThat(toRequester.select("#delegate-error").text())
        .isEqualTo("alice may not approve their own request; delegate to somebody else.");
    final Document noReason =
        html(
            post(delegation)
                .session(maria)
                .with(csrf())
                .param("delegate", "cab.carl")
                .param("reason", ""));
    assertThat(noReason.select("#reason-error").text()).isEqualTo("A delegation needs a reason.");
    assertThat(noReason.select("#delegate-to").val()).isEqualTo("cab.carl");
    assertThat(
            html(post(delegation)
                    .session(maria)
                    .with(csrf())
                    .param("delegate", "zed")
                    .param("reason", "r"))
                .select("#delegate-error")
                .text())
        .isEqualTo("There is nobody called 'zed' who can sign in.");
    assertThat(now(approval).steps()).isEmpty();

    mvc.perform(
            post(delegation)
                .session(maria)
                .with(csrf())
                .param("delegate", "cab.carl")
                .param("reason", "On holiday"))
        .andExpect(redirectedUrl("/portal/approvals"));

    mvc.perform(get("/portal/approvals/" + approval.id()).session(maria))
        .andExpect(status().isNotFound());
    assertThat(
            html(get("/portal/approvals/" + approval.id()).session(signIn("cab.carl")))
                .select("#approval-subject")
                .text())
        .isEqualTo("New laptop for alice");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> openTasks(approval).stream().anyMatch(t -> "cab.carl".equals(t.getAssignee())));
    mvc.perform(
            postJson("/api/approvals/" + approval.id(), "{\"decision\": \"approve\"}")
                .with(as("cab.carl")))
        .andExpect(status().isOk());
    assertThat(now(approval).steps())
        .extracting(s -> s.actor() + " " + s.action() + " " + s.handedTo() + " " + s.onBehalfOf())
        .containsExactly(
            "manager.maria DELEGATED cab.carl null", "cab.carl APPROVED null manager.maria");
  }

  @Test
  void anAgentApproverDecidesInTheInboxWithTheSameChecks() throws Exception {
    final Approval approval = requested(List.of("agent.anna"));
    final MockHttpSession anna = signIn("agent.anna");
    final long task = openTasks(approval).get(0).getUserTaskKey();

    final Document inbox = html(get("/inbox?view=mine").session(anna));
    assertThat(inbox.select("a[href=/inbox/tasks/" + task + "]")).isNotEmpty();
    final Document page = html(get("/inbox/tasks/" + task).session(anna));
    assertThat(page.select("#approval-note")).hasSize(1);
    assertThat(page.select("form[action$=/unclaim], form[action$=/assign]")).isEmpty();
    mvc.perform(post("/inbox/tasks/" + task).session(anna).with(csrf()).param("decision", "reject"))
        .andExpect(status().isUnprocessableEntity());
    mvc.perform(
            post("/inbox/tasks/" + task + "/claim").session(signIn("manager.maria")).with(csrf()))
        .andExpect(status().isConflict());
    assertThat(now(approval).steps()).isEmpty();

    mvc.perform(
            post("/inbox/tasks/" + task)
                .session(anna)
                .with(csrf())
                .param("decision", "reject")
                .param("comment", "Not needed"))
        .andExpect(redirectedUrl("/inbox"));
    assertThat(now(approval).decisions())
        .singleElement()
        .satisfies(s -> assertThat(s.action()).isEqualTo(ApprovalAction.REJECTED));
  }

  @Test
  void myApprovalsOnDesktopAndPhone() {
    final Approval approval = requested(List.of("manager:alice"));
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page maria =
          browser
              .newContext(
                  new Browser.NewContextOptions()
                      .setBaseURL(
                          "http://localhost:"
                              + context.getEnvironment().getProperty("local.server.port")))
              .newPage();
      maria.navigate("/login");
      maria.fill("#username", "manager.maria");
      maria.fill("#password", DEMO_PASSWORD);
      maria.click("button:has-text('Sign in')");
      maria.waitForURL("**/inbox");

      maria.click("nav >> text=My approvals");
      maria.waitForURL("**/portal/approvals");
      Chromium.shoot(maria, "my-approvals");
      assertThat(fitsThePhone(maria)).isTrue();

      maria.click("a[href='/portal/approvals/" + approval.id() + "']");
      maria.waitForURL("**/portal/approvals/" + approval.id());
      maria.check("input[name=decision][value=reject]");
      maria.click("#decide button[type=submit]");
      assertThat(maria.textContent(".fd-error")).contains("A rejection needs a comment");
      Chromium.shoot(maria, "my-approval-detail");
      assertThat(fitsThePhone(maria)).isTrue();
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
