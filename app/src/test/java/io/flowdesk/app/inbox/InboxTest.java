package io.flowdesk.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class InboxTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;
  @Autowired ProblemRecords problems;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  private static MockHttpServletRequestBuilder resolve(
      final MockHttpSession session, final long key) {
    return post("/inbox/tasks/" + key)
        .session(session)
        .with(csrf())
        .param("outcome", "resolve")
        .param("resolutionCode", "workaround")
        .param("resolutionNotes", "Restarted the VPN concentrator");
  }

  @Test
  void theGroupInboxOffersTheTaskToItsGroupOnly() throws Exception {
    final IncidentTasks.Waiting waiting =
        incidents.reportedBy("alice", "VPN down in Berlin", "since 9:00");

    // Found by its number: the shared test context's group inbox holds more than a page of tasks.
    final Document anna =
        html(get("/inbox?view=groups&q=" + waiting.number()).session(signIn("agent.anna")));
    final Element row = anna.selectFirst("tr[data-task-key=" + waiting.key() + "]");
    assertThat(row).isNotNull();
    assertThat(row.text()).contains(waiting.number(), "VPN down in Berlin", "Resolve incident");

    final Document nils =
        html(get("/inbox?view=all&q=" + waiting.number()).session(signIn("agent.nils")));
    assertThat(nils.select("tr[data-task-key=" + waiting.key() + "]")).isEmpty();
    mvc.perform(get("/inbox/tasks/" + waiting.key()).session(signIn("agent.nils")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/inbox").session(signIn("alice"))).andExpect(status().isForbidden());
  }

  @Test
  void aForgedTaskKeyIsNotFound() throws Exception {
    mvc.perform(get("/inbox/tasks/2251799813999999").session(signIn("agent.anna")))
        .andExpect(status().isNotFound());
  }

  @Test
  void claimingPutsTheTaskInMyTasksAndTheIncidentInProgress() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("bob", "Printer jams", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(post("/inbox/tasks/" + waiting.key() + "/claim").session(anna).with(csrf()))
        .andExpect(redirectedUrl("/inbox/tasks/" + waiting.key()));

    final Incident incident = records.find(waiting.incident().id()).orElseThrow();
    assertThat(incident.assignee()).isEqualTo("agent.anna");
    assertThat(incident.state()).isEqualTo(IncidentState.IN_PROGRESS);
    assertThat(incident.respondedAt()).isNotNull();
    assertThat(records.auditTrail(incident.id()))
        .anySatisfy(
            entry -> {
              assertThat(entry.field()).isEqualTo("assignee");
              assertThat(entry.actor()).isEqualTo("agent.anna");
              assertThat(entry.newValue()).isEqualTo("agent.anna");
            });
    final Document mine = html(get("/inbox?view=mine").session(anna));
    assertThat(mine.select("tr[data-task-key=" + waiting.key() + "]")).hasSize(1);

    mvc.perform(post("/inbox/tasks/" + waiting.key() + "/unclaim").session(anna).with(csrf()))
        .andExpect(redirectedUrl("/inbox"));
    assertThat(records.find(incident.id()).orElseThrow().assignee()).isNull();
  }

  @Test
  void aMissingRequiredFieldShowsItsErrorKeepsTheInputAndLeavesTheTaskOpen() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Mail bounces", null);
    final MockHttpSession anna = signIn("agent.anna");

    final MockHttpServletResponse response =
        mvc.perform(
                post("/inbox/tasks/" + waiting.key())
                    .session(anna)
                    .with(csrf())
                    .param("outcome", "resolve")
                    .param("resolutionNotes", "Cleared the stuck queue on the relay"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse();

    final Document page =
        org.jsoup.Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    final Element code = page.selectFirst("[name=resolutionCode]");
    assertThat(code.attr("aria-invalid")).isEqualTo("true");
    assertThat(page.selectFirst("[name=resolutionNotes]").wholeText())
        .isEqualTo("Cleared the stuck queue on the relay");
    assertThat(incidents.open(waiting.key())).isTrue();
  }

  @Test
  void aPostWithAFieldTheFormDoesNotHaveIsRefusedNamingIt() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Laptop slow", null);

    final Document page =
        html(resolve(signIn("agent.anna"), waiting.key()).param("approvedByCab", "true"));

    assertThat(page.select(".fd-error-summary").text()).contains("approvedByCab");
    assertThat(incidents.open(waiting.key())).isTrue();
  }

  @Test
  void completingTheTaskContinuesTheProcessAndASecondCompletionIsAConflict() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Wi-Fi flaky", null);
    final MockHttpSession anna = signIn("agent.anna");

    final MockHttpServletResponse done =
        mvc.perform(resolve(anna, waiting.key()).param("workNote", "Checked the tunnel logs"))
            .andReturn()
            .getResponse();
    assertThat(done.getRedirectedUrl())
        .as("%d %s", done.getStatus(), done.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo("/inbox");
    assertThat(incidents.open(waiting.key())).isFalse();
    assertThat(records.find(waiting.incident().id()).orElseThrow().assignee())
        .isEqualTo("agent.anna");
    assertThat(records.journal(waiting.incident().id(), true))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.kind()).isEqualTo(JournalKind.WORK_NOTE);
              assertThat(note.author()).isEqualTo("agent.anna");
              assertThat(note.text()).isEqualTo("Checked the tunnel logs");
            });

    final MockHttpServletResponse again =
        mvc.perform(resolve(anna, waiting.key())).andReturn().getResponse();
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.getContentAsString(StandardCharsets.UTF_8))
        .contains(Long.toString(waiting.key()));
  }

  @Test
  void anAgentOfAnotherGroupCannotCompleteTheTask() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Badge reader", null);

    mvc.perform(resolve(signIn("agent.nils"), waiting.key())).andExpect(status().isForbidden());

    assertThat(incidents.open(waiting.key())).isTrue();
  }

  @Test
  void everyTaskSaysItsProcessAndPriorityAsP1ToP5AndProblemTasksTheirProblem() throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("toner-order")
                .name("Printer toner order")
                .startEvent()
                .userTask(
                    "orderToner",
                    task ->
                        task.name("Order toner")
                            .zeebeUserTask()
                            .zeebeCandidateGroups("service-desk")
                            .zeebeTaskPriority("85"))
                .endEvent()
                .done(),
            "toner-order.bpmn")
        .send()
        .join();
    client.newCreateInstanceCommand().bpmnProcessId("toner-order").latestVersion().send().join();
    final long analysis =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(IncidentTasks.PROCESS)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    final Problem problem =
        problems.record(
            new NewProblem(
                "VPN drops every evening",
                null,
                "network",
                List.of(),
                "service-desk",
                null,
                Priority.P2,
                List.of(),
                "agent.anna",
                false),
            Actor.person("agent.anna"));
    problems.started(problem.id(), analysis, Actor.person("agent.anna"));

    // Filtered by text: other tests' tasks in the shared engine may fill the first page.
    final Document tonerInbox = groupInboxShowing("Order toner");
    final Document problemInbox = groupInboxShowing(problem.number());

    final Element tonerRow =
        tonerInbox.select("tr").stream()
            .filter(row -> row.text().contains("Order toner"))
            .findFirst()
            .orElseThrow();
    assertThat(tonerRow.selectFirst(".fd-process-name").text()).isEqualTo("Printer toner order");
    assertThat(tonerRow.selectFirst("td[data-label=Priority]").text()).isEqualTo("P1");
    final Element problemRow =
        problemInbox.select("tr").stream()
            .filter(row -> row.text().contains(problem.number()))
            .findFirst()
            .orElseThrow();
    assertThat(problemRow.text()).contains("VPN drops every evening", "(New)");
    assertThat(problemRow.selectFirst("td[data-label=Priority]").text()).isEqualTo("P2");
    assertThat(problemRow.selectFirst("a[href=/problems/" + problem.number() + "]")).isNotNull();
  }

  private Document groupInboxShowing(final String text) {
    return Awaitility.await("'" + text + "' in the group inbox")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                html(
                    get("/inbox")
                        .param("view", "groups")
                        .param("q", text)
                        .session(signIn("agent.anna"))),
            page -> page.text().contains(text));
  }
}
