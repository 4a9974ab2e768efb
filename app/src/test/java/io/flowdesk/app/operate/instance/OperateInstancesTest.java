package io.flowdesk.app.operate.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console's instance list and instance page through HTTP as the process owner: an instance
 * whose service task failed is found with the "with incident" filter, its page marks the element
 * and shows the message, and the repairs posted from the page reach the engine (or are refused,
 * changing nothing).
 */
class OperateInstancesTest extends WebTestSupport {

  @Autowired CamundaClient client;

  private String processId;
  private String jobType;
  private long instance;
  private MockHttpSession owner;

  @BeforeEach
  void failedInstance() throws Exception {
    processId = "operate-" + UUID.randomUUID().toString().substring(0, 8);
    jobType = processId + "-work";
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(processId)
                .startEvent("start")
                .serviceTask("work", t -> t.zeebeJobType(jobType))
                .endEvent("done")
                .done(),
            processId + ".bpmn")
        .send()
        .join();
    instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("ticket", "T-1", "amount", 5))
            .send()
            .join()
            .getProcessInstanceKey();
    final ActivatedJob job = activate();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("mail server down").send().join();
    await().until(() -> !openIncidents().isEmpty());
    owner = signIn("owner.otto");
  }

  private ActivatedJob activate() {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(jobType)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<Incident> openIncidents() {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(IncidentState.ACTIVE))
        .send()
        .join()
        .items();
  }

  private String variable(final String name) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance).name(name))
        .send()
        .join()
        .items()
        .get(0)
        .getValue();
  }

  /** The list of this test's process with the further parameters {@code nameValuePairs}. */
  private Document list(final String... nameValuePairs) throws Exception {
    final MockHttpServletRequestBuilder request =
        get("/operate/instances").session(owner).param("process", processId);
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      request.param(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return html(request);
  }

  @Test
  void theFailedInstanceIsListedWithTheIncidentFilterAndCanBeSelectedForABatch() throws Exception {
    final Document withIncident = list("state", "incident");
    final Document completed = list("state", "completed");
    final Document byVariable = list("variableName", "ticket", "variableValue", "\"T-1\"");
    final Document byOtherValue = list("variableName", "ticket", "variableValue", "\"T-2\"");
    final Document atWork = list("elementId", "work");
    final Document atDone = list("elementId", "done");

    assertThat(withIncident.select("tr[data-instance-key]").eachAttr("data-instance-key"))
        .containsExactly(Long.toString(instance));
    assertThat(withIncident.select("tr[data-instance-key] a").first().attr("href"))
        .isEqualTo("/operate/instances/" + instance);
    assertThat(withIncident.select("form#bulk").attr("action")).isEqualTo("/operate/batches");
    assertThat(withIncident.select("form#bulk input[name=instanceKey]").eachAttr("value"))
        .containsExactly(Long.toString(instance));
    assertThat(withIncident.select("form#bulk button[name=operation]").eachAttr("value"))
        .containsExactly("cancel", "resolve-incidents", "migrate", "modify");
    assertThat(withIncident.select("form#bulk-filter input[name=filter.state]").attr("value"))
        .isEqualTo("incident");
    assertThat(completed.select("tr[data-instance-key]")).isEmpty();
    assertThat(byVariable.select("tr[data-instance-key]")).hasSize(1);
    assertThat(byOtherValue.select("tr[data-instance-key]")).isEmpty();
    assertThat(atWork.select("tr[data-instance-key]")).hasSize(1);
    assertThat(atDone.select("tr[data-instance-key]")).isEmpty();
  }

  @Test
  void anInvalidFilterIsAnsweredWith400AndEachProblemBesideItsField() throws Exception {
    mvc.perform(
            get("/operate/instances")
                .session(owner)
                .param("version", "two")
                .param("startedFrom", "2025-13-01")
                .param("variableName", "ticket")
                .param("variableValue", "T-1")
                .param("sort", "colour"))
        .andExpect(status().isBadRequest());
    final Document page =
        html(
            get("/operate/instances")
                .session(owner)
                .param("version", "two")
                .param("startedFrom", "2025-13-01")
                .param("variableName", "ticket")
                .param("variableValue", "T-1")
                .param("sort", "colour"));

    assertThat(page.select("#version-error").text()).contains("'two'");
    assertThat(page.select("#startedFrom-error").text()).contains("'2025-13-01' is not a date");
    assertThat(page.select("#variableValue-error").text()).contains("not JSON");
    assertThat(page.select("#sort-error").text()).contains("'colour'");
    assertThat(page.select("tr[data-instance-key]")).isEmpty();
  }

  @Test
  void theInstancePageMarksTheFailedElementAndShowsTheMessage() throws Exception {
    final Document page = html(get("/operate/instances/" + instance).session(owner));

    assertThat(page.select("#instance-diagram g.incident").eachAttr("data-element-id"))
        .containsExactly("work");
    assertThat(page.select("#instance-diagram g.completed").eachAttr("data-element-id"))
        .contains("start");
    assertThat(page.select("#incidents li.fd-operate-open").text()).contains("mail server down");
    assertThat(page.select("#variables tr[data-variable=ticket] textarea").text())
        .isEqualTo("\"T-1\"");
    assertThat(page.select("#history li[data-element-id=work]")).hasSize(1);
  }

  @Test
  void aVariableEditThatIsNotJsonIsRefusedNamingTheProblemAndChangesNothing() throws Exception {
    mvc.perform(
            post("/operate/instances/" + instance + "/variables")
                .session(owner)
                .with(csrf())
                .param("scopeKey", Long.toString(instance))
                .param("name", "ticket")
                .param("value", "T-2"))
        .andExpect(status().isBadRequest());
    final Document refused =
        html(
            post("/operate/instances/" + instance + "/variables")
                .session(owner)
                .with(csrf())
                .param("scopeKey", Long.toString(instance))
                .param("name", "amount")
                .param("value", "{\"a\": }"));

    assertThat(refused.select("#variables-error").text())
        .contains("Value of amount")
        .contains("not JSON")
        .contains("line 1");
    assertThat(refused.select("tr[data-variable=amount] textarea").text()).isEqualTo("{\"a\": }");
    assertThat(variable("ticket")).isEqualTo("\"T-1\"");
    assertThat(variable("amount")).isEqualTo("5");
  }

  @Test
  void anEditedVariableAndARetryLetTheInstanceComplete() throws Exception {
    final long incident = openIncidents().get(0).getIncidentKey();

    mvc.perform(
            post("/operate/instances/" + instance + "/variables")
                .session(owner)
                .with(csrf())
                .param("scopeKey", Long.toString(instance))
                .param("name", "ticket")
                .param("value", "\"T-9\""))
        .andExpect(redirectedUrl("/operate/instances/" + instance));
    mvc.perform(
            post("/operate/instances/" + instance + "/incidents/" + incident + "/retry")
                .session(owner)
                .with(csrf()))
        .andExpect(redirectedUrl("/operate/instances/" + instance));
    final ActivatedJob again = activate();
    client.newCompleteCommand(again.getKey()).send().join();

    assertThat(again.getVariablesAsMap()).containsEntry("ticket", "T-9");
    assertThat(openIncidents()).isEmpty();
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void retryingAnAlreadyResolvedIncidentSaysSoAndChangesNothing() throws Exception {
    final long incident = openIncidents().get(0).getIncidentKey();
    mvc.perform(
            post("/operate/instances/" + instance + "/incidents/" + incident + "/retry")
                .session(owner)
                .with(csrf()))
        .andExpect(redirectedUrl("/operate/instances/" + instance));
    final ActivatedJob job = activate();

    mvc.perform(
            post("/operate/instances/" + instance + "/incidents/" + incident + "/retry")
                .session(owner)
                .with(csrf()))
        .andExpect(status().isConflict());
    final Document page =
        html(
            post("/operate/instances/" + instance + "/incidents/" + incident + "/resolve")
                .session(owner)
                .with(csrf()));

    assertThat(page.select("#incidents-error").text())
        .contains("Incident " + incident + " is already resolved")
        .contains("nothing was changed");
    // The job is still the activated one: no second retry was given to it.
    client.newCompleteCommand(job.getKey()).send().join();
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void modifyingToAnUnknownElementIsRefusedWithTheEnginesReason() throws Exception {
    final Document page =
        html(
            post("/operate/instances/" + instance + "/modify")
                .session(owner)
                .with(csrf())
                .param("activateElementId", "nowhere")
                .param("variables", "{\"ticket\": \"T-3\"}"));
    mvc.perform(
            post("/operate/instances/" + instance + "/modify")
                .session(owner)
                .with(csrf())
                .param("activateElementId", "nowhere"))
        .andExpect(status().isBadRequest());

    assertThat(page.select("#modify-error").text())
        .startsWith("The engine refused:")
        .contains("nowhere");
    assertThat(page.select("#activateElementId").attr("value")).isEqualTo("nowhere");
    assertThat(variable("ticket")).isEqualTo("\"T-1\"");
    assertThat(openIncidents()).hasSize(1);
  }

  @Test
  void aTokenIsMovedByTerminatingTheFailedTaskAndActivatingItAgainWithVariables() throws Exception {
    final long work = workInstance();

    mvc.perform(
            post("/operate/instances/" + instance + "/modify")
                .session(owner)
                .with(csrf())
                .param("terminateKey", Long.toString(work))
                .param("activateElementId", "work")
                .param("variables", "{\"retried\": true}"))
        .andExpect(redirectedUrl("/operate/instances/" + instance));

    assertThat(workInstance()).isNotEqualTo(work);
    assertThat(openIncidents()).isEmpty();
    assertThat(activate().getVariablesAsMap()).containsEntry("retried", true);
  }

  private long workInstance() {
    return client
        .newElementInstanceSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(instance).elementId("work").state(ElementInstanceState.ACTIVE))
        .send()
        .join()
        .items()
        .get(0)
        .getElementInstanceKey();
  }

  @Test
  void cancelingNeedsTheConfirmation() throws Exception {
    mvc.perform(post("/operate/instances/" + instance + "/cancel").session(owner).with(csrf()))
        .andExpect(status().isBadRequest());
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);

    mvc.perform(
            post("/operate/instances/" + instance + "/cancel")
                .session(owner)
                .with(csrf())
                .param("confirmed", "true"))
        .andExpect(redirectedUrl("/operate/instances/" + instance));

    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void onlyProcessOwnersAndAdminsMayOperateAndUnknownKeysAre404() throws Exception {
    final MockHttpSession agent = signIn("agent.anna");
    final MockHttpSession caller = signIn("alice");
    final MockHttpSession admin = signIn("admin");

    mvc.perform(get("/operate/instances").session(agent)).andExpect(status().isForbidden());
    mvc.perform(get("/operate/instances/" + instance).session(caller))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/operate/instances/" + instance + "/cancel")
                .session(agent)
                .with(csrf())
                .param("confirmed", "true"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/instances/" + instance).session(admin)).andExpect(status().isOk());
    mvc.perform(get("/operate/instances/" + (instance + 999_999)).session(owner))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/operate/instances/" + instance + "/incidents/" + (instance + 999_999) + "/retry")
                .session(owner)
                .with(csrf()))
        .andExpect(status().isNotFound());
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void everyRepairWithoutTheCsrfTokenIsRefused() throws Exception {
    final long incident = openIncidents().get(0).getIncidentKey();
    for (final String path :
        List.of(
            "/variables?scopeKey=" + instance + "&name=ticket&value=1",
            "/incidents/" + incident + "/retry",
            "/incidents/" + incident + "/resolve",
            "/cancel?confirmed=true",
            "/modify?activateElementId=done")) {
      mvc.perform(post("/operate/instances/" + instance + path).session(owner))
          .andExpect(status().isForbidden());
    }

    assertThat(openIncidents()).hasSize(1);
    assertThat(variable("ticket")).isEqualTo("\"T-1\"");
  }
}
