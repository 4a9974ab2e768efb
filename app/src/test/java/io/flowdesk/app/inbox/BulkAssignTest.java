package io.flowdesk.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentRecords;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Assigning several inbox tasks at once: each through the single assignment's checks, refused tasks
 * named, the others still assigned.
 */
class BulkAssignTest extends WebTestSupport {

  private static final String NETWORK_PROCESS = "bulk-assign-network-task";

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  @Test
  void chosenTasksGoToAColleagueAndAnotherGroupsTaskIsRefusedWithoutItsName() throws Exception {
    final IncidentTasks.Waiting first = incidents.reportedBy("alice", "Docking station dead", null);
    final IncidentTasks.Waiting second = incidents.reportedBy("bob", "Headset crackles", null);
    final long network = networkTask();
    final MockHttpSession anna = signIn("agent.anna");

    final MvcResult result =
        mvc.perform(
                post("/inbox/assignments")
                    .session(anna)
                    .with(csrf())
                    .param("task", Long.toString(first.key()))
                    .param("task", Long.toString(network))
                    .param("task", Long.toString(second.key()))
                    .param("assignee", "manager.maria")
                    .param("query", "view=groups&sort=created"))
            .andExpect(redirectedUrl("/inbox?view=groups&sort=created"))
            .andReturn();

    assertThat(assignee(first.key())).isEqualTo("manager.maria");
    assertThat(assignee(second.key())).isEqualTo("manager.maria");
    assertThat(records.find(first.incident().id()).orElseThrow().assignee())
        .isEqualTo("manager.maria");
    assertThat(assignee(network)).as("another group's task stays as it was").isNull();

    final Document page =
        html(get("/inbox?view=groups&sort=created").session(anna).flashAttrs(result.getFlashMap()));
    assertThat(page.selectFirst(".fd-problem").text())
        .isEqualTo("Assigned 2 of 3 tasks to manager.maria.");
    final List<String> outcomes = page.select("#assignment-outcomes li").eachText();
    assertThat(outcomes)
        .containsExactly(
            "\u201cResolve incident\u201d (" + first.key() + ") assigned to manager.maria",
            "Task "
                + network
                + " not assigned: Task "
                + network
                + " is not offered to you or your groups.",
            "\u201cResolve incident\u201d (" + second.key() + ") assigned to manager.maria");
    assertThat(page.text()).doesNotContain("Replace the core router");
  }

  @Test
  void withNoAssigneeTheTasksAreTheWorkersAndANonMemberIsRefusedByName() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Keyboard sticky", null);
    final MockHttpSession anna = signIn("agent.anna");

    final MvcResult refused =
        mvc.perform(
                post("/inbox/assignments")
                    .session(anna)
                    .with(csrf())
                    .param("task", Long.toString(waiting.key()))
                    .param("assignee", "agent.nils"))
            .andExpect(redirectedUrl("/inbox"))
            .andReturn();
    assertThat(refused.getFlashMap().get("outcomes"))
        .asString()
        .contains("Resolve incident", "agent.nils is not in a group this task is offered to");
    assertThat(assignee(waiting.key())).isNull();

    mvc.perform(
            post("/inbox/assignments")
                .session(anna)
                .with(csrf())
                .param("task", Long.toString(waiting.key()))
                .param("assignee", ""))
        .andExpect(redirectedUrl("/inbox"));
    assertThat(assignee(waiting.key())).isEqualTo("agent.anna");
  }

  @Test
  void aBulkAssignmentWithoutTheFormsTokenIsRefusedAndAssignsNothing() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Webcam black", null);

    mvc.perform(
            post("/inbox/assignments")
                .session(signIn("agent.anna"))
                .param("task", Long.toString(waiting.key()))
                .param("assignee", ""))
        .andExpect(status().isForbidden());

    assertThat(assignee(waiting.key())).isNull();
  }

  @Test
  void choosingNothingSaysSo() throws Exception {
    final MvcResult result =
        mvc.perform(post("/inbox/assignments").session(signIn("agent.anna")).with(csrf()))
            .andExpect(redirectedUrl("/inbox"))
            .andReturn();
    assertThat(result.getFlashMap().get("problem")).asString().contains("choose the tasks");
  }

  @Test
  void theListOffersEveryTaskForChoosingAndTheWorkersColleaguesAsAssignees() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Mouse lags", null);

    final Document page = html(get("/inbox?view=groups").session(signIn("agent.anna")));

    final Element form = page.selectFirst("form#bulk-assign");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.selectFirst("input[name=_csrf]")).isNotNull();
    assertThat(form.select("input[type=checkbox][name=task]").eachAttr("value"))
        .contains(Long.toString(waiting.key()));
    assertThat(form.select("#bulk-assignee option").eachAttr("value"))
        .contains("", "manager.maria")
        .doesNotContain("agent.anna", "agent.nils");
  }

  private long networkTask() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(NETWORK_PROCESS)
                .startEvent()
                .userTask(
                    "replaceRouter",
                    task ->
                        task.name("Replace the core router")
                            .zeebeUserTask()
                            .zeebeCandidateGroups("network-team"))
                .endEvent()
                .done(),
            NETWORK_PROCESS + ".bpmn")
        .send()
        .join();
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(NETWORK_PROCESS)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    return Awaitility.await("the network team's task")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            tasks -> !tasks.isEmpty())
        .get(0)
        .getUserTaskKey();
  }

  private String assignee(final long key) {
    final UserTask task = client.newUserTaskGetRequest(key).send().join();
    return task.getAssignee();
  }
}
