package io.flowdesk.app.operate.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.app.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The console's Processes and Decisions lists and the definition page, over a process of its own:
 * version 1 runs straight through (one completed instance), version 2 waits at a service task no
 * worker serves (two running, one of them with an incident).
 */
class OperateDefinitionTest extends WebTestSupport {

  @Autowired CamundaClient client;

  private String processId;
  private String name;
  private long v1;
  private long v2;

  @BeforeEach
  void deployTwoVersionsWithInstances() {
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    processId = "operate-def-" + suffix;
    name = "Operate definition " + suffix;
    final String jobType = "operate-def-nobody-" + suffix;
    v1 =
        deploy(
            Bpmn.createExecutableProcess(processId)
                .name(name)
                .startEvent("start")
                .endEvent("end")
                .done());
    v2 =
        deploy(
            Bpmn.createExecutableProcess(processId)
                .name(name)
                .startEvent("start")
                .serviceTask("work", t -> t.zeebeJobType(jobType).name("Do the work"))
                .endEvent("end")
                .done());
    start(v1);
    start(v2);
    start(v2);
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(jobType)
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    client
        .newFailCommand(jobs.get(0).getKey())
        .retries(0)
        .errorMessage("no mail server")
        .send()
        .join();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                        .newProcessInstanceSearchRequest()
                        .filter(
                            f ->
                                f.processDefinitionKey(v2)
                                    .state(ProcessInstanceState.ACTIVE)
                                    .hasIncident(true))
                        .send()
                        .join()
                        .items()
                        .size()
                    == 1);
  }

  private long deploy(final BpmnModelInstance model) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, processId + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private void start(final long definitionKey) {
    client.newCreateInstanceCommand().processDefinitionKey(definitionKey).send().join();
  }

  @Test
  void aProcessOwnerSeesTheProcessWithItsVersionsAndInstanceCounts() throws Exception {
    final Document page = html(get("/operate").param("q", name).session(signIn("owner.otto")));

    assertThat(page.select("#operate-processes").attr("aria-current")).isEqualTo("page");
    final Element row = page.selectFirst("#processes tr[data-process-id=" + processId + "]");
    assertThat(row).as(page.select("main").text()).isNotNull();
    assertThat(row.select("td").get(0).selectFirst("a").attr("href"))
        .isEqualTo("/operate/processes/" + v2);
    assertThat(row.select(".fd-operate-version").eachText()).containsExactly("v2", "v1");
    assertThat(row.select(".fd-operate-version").eachAttr("href"))
        .containsExactly("/operate/processes/" + v2, "/operate/processes/" + v1);
    assertThat(row.select("td.fd-num").eachText()).containsExactly("2", "1", "1");
    assertThat(page.select("#processes tbody tr")).hasSize(1);

    final Document none =
        html(get("/operate").param("q", "no process is named so").session(signIn("admin")));
    assertThat(none.select("#no-processes")).hasSize(1);
  }

  @Test
  void theDefinitionPageDrawsElementCountsAndLinksVersionsInstancesAndTheXml() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    final Document page = html(get("/operate/processes/" + v2).session(otto));

    assertThat(page.select("h1").text()).isEqualTo(name + " version 2");
    final Element work = page.selectFirst("#process-diagram svg");
    assertThat(badges(work, "work")).containsExactly("active 1", "incidents 1");
    assertThat(badges(work, "start")).containsExactly("completed 2");
    assertThat(badges(work, "end")).isEmpty();
    assertThat(page.select("#element-statistics tr[data-element-id=work] td").eachText())
        .containsExactly("Do the work work", "1", "1", "0");
    assertThat(page.select("#element-statistics tr[data-element-id=work] a").attr("href"))
        .isEqualTo("/operate/instances?definitionKey=" + v2 + "&elementId=work");
    assertThat(page.select("#versions a").eachText()).containsExactly("v1");
    assertThat(page.select("#versions a").attr("href")).isEqualTo("/operate/processes/" + v1);
    assertThat(page.select("#versions [aria-current=page]").text()).isEqualTo("v2");
    assertThat(page.select("#definition-counts strong").eachText()).containsExactly("2", "1", "0");
    assertThat(page.select("#all-instances").attr("href"))
        .isEqualTo("/operate/instances?definitionKey=" + v2);

    final Document first = html(get("/operate/processes/" + v1).session(otto));
    assertThat(badges(first.selectFirst("#process-diagram svg"), "end"))
        .containsExactly("completed 1");
    assertThat(first.select("#definition-counts strong").eachText()).containsExactly("0", "0", "1");

    final MockHttpServletResponse xml =
        mvc.perform(get("/operate/processes/" + v2 + "/xml").session(otto))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(xml.getHeader("Content-Disposition")).startsWith("attachment;");
    assertThat(xml.getContentAsString(StandardCharsets.UTF_8))
        .contains("id=\"" + processId + "\"", "id=\"work\"");
  }

  @Test
  void decisionsListTheDeployedVersionsWithTheirRequirementsGraph() throws Exception {
    final Document page =
        html(get("/operate/decisions").param("q", "INCIDENT-PRIO").session(signIn("owner.otto")));

    final Element decision =
        page.selectFirst("#decisions tbody[data-decision-id=incident-priority]");
    assertThat(decision).as(page.select("main").text()).isNotNull();
    assertThat(decision.select("th").text()).isEqualTo("Incident priority incident-priority");
    assertThat(decision.select("td").get(1).text())
        .startsWith("Incident priority incident-priority-definitions v");
    assertThat(page.select("#decisions tbody")).hasSize(1);

    final Document none =
        html(
            get("/operate/decisions")
                .param("q", "no decision is named so")
                .session(signIn("admin")));
    assertThat(none.select("#no-decisions")).hasSize(1);
  }

  @Test
  void keysThatNameNoDefinitionAreNotFound() throws Exception {
    final MockHttpSession otto = signIn("owner.otto");
    for (final String path :
        List.of(
            "/operate/processes/not-a-key",
            "/operate/processes/99999999999999999999",
            "/operate/processes/2251799813999999",
            "/operate/processes/2251799813999999/xml",
            "/operate/processes/-1/xml")) {
      mvc.perform(get(path).session(otto)).andExpect(status().isNotFound());
    }
  }

  @Test
  void agentsAndEndUsersAreRefused() throws Exception {
    for (final String person : List.of("agent.anna", "alice", "manager.maria")) {
      final MockHttpSession session = signIn(person);
      for (final String path :
          List.of(
              "/operate",
              "/operate/decisions",
              "/operate/processes/" + v2,
              "/operate/processes/" + v2 + "/xml")) {
        mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
      }
    }
  }

  /** "kind count" of each badge the diagram draws on {@code elementId}. */
  private static List<String> badges(final Element svg, final String elementId) {
    return svg.select("g.bpmn-badge[data-badge-for=" + elementId + "]").stream()
        .map(
            g ->
                g.className().replace("bpmn-badge bpmn-badge-", "")
                    + " "
                    + g.selectFirst("text").text())
        .toList();
  }
}
