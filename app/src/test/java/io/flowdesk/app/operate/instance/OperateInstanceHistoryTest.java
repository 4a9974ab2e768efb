package io.flowdesk.app.operate.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * The instance page of ended instances and of call hierarchies, the Flowdesk record link, and
 * instance tags on the list, through HTTP as the process owner; the instances are driven through
 * the camunda client.
 */
class OperateInstanceHistoryTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords incidents;

  private MockHttpSession owner;

  @BeforeEach
  void signInAsOwner() throws Exception {
    owner = signIn("owner.otto");
  }

  private static String unique(final String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String deployOneTask(final String processId, final String jobType) {
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
    return processId;
  }

  private ActivatedJob activate(final String jobType) {
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

  private Document page(final long instance) throws Exception {
    return html(get("/operate/instances/" + instance).session(owner));
  }

  @Test
  void anEndedInstanceShowsItsTimelineItsPathAndItsLastVariablesReadOnly() throws Exception {
    final String jobType = unique("history-work");
    final String processId = deployOneTask(unique("history"), jobType);
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("ticket", "T-1"))
            .send()
            .join()
            .getProcessInstanceKey();
    client.newCompleteCommand(activate(jobType).getKey()).variables(Map.of("ticket", "T-2")).send();
    Awaitility.await()
        .until(
            () -> client.newProcessInstanceGetRequest(instance).send().join().getEndDate() != null);

    final Document page = page(instance);

    assertThat(page.select("#history li[data-element-id]").eachAttr("data-element-id"))
        .containsSubsequence("start", "work", "done");
    assertThat(page.select("#history li[data-element-id=work]").attr("data-state"))
        .isEqualTo("COMPLETED");
    assertThat(page.select("#history li[data-element-id=work] time.fd-operate-ended")).hasSize(1);
    assertThat(page.select("#instance-diagram g.completed").eachAttr("data-element-id"))
        .contains("start", "work", "done");
    assertThat(page.select("#variables tr[data-variable=ticket] code").text()).isEqualTo("\"T-2\"");
    assertThat(page.select("#variables textarea, #variables form")).isEmpty();
    assertThat(page.select("#modify, #cancel")).isEmpty();
  }

  @Test
  void aCalledInstanceLinksUpToItsParentAndTheParentListsIt() throws Exception {
    final String jobType = unique("called-work");
    final String childId = deployOneTask(unique("child"), jobType);
    final String parentId = unique("parent");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(parentId)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(childId))
                .endEvent()
                .done(),
            parentId + ".bpmn")
        .send()
        .join();
    final long parent =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(parentId)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    final ProcessInstance child =
        Awaitility.await()
            .until(
                () ->
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.parentProcessInstanceKey(parent))
                        .send()
                        .join()
                        .items(),
                found -> found.size() == 1)
            .get(0);

    final Document childPage = page(child.getProcessInstanceKey());
    final Document parentPage = page(parent);

    assertThat(childPage.select("#hierarchy .fd-operate-ancestors a").eachAttr("href"))
        .containsExactly("/operate/instances/" + parent);
    assertThat(parentPage.select("#hierarchy .fd-operate-children a").eachAttr("href"))
        .containsExactly("/operate/instances/" + child.getProcessInstanceKey());
    assertThat(parentPage.select("#hierarchy .fd-operate-ancestors")).isEmpty();
  }

  @Test
  void anIncidentsInstanceLinksToTheIncidentEvenAfterItEnded() throws Exception {
    deployCallerWaitingStandIn(client);
    final String redirect =
        mvc.perform(
                post("/portal/items/incident")
                    .session(signIn("alice"))
                    .with(csrf())
                    .param("shortDescription", "Printer on floor 3 jams")
                    .param("description", "Every second page")
                    .param("category", "network")
                    .param("impact", "low")
                    .param("urgency", "low"))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String number = redirect.substring(redirect.lastIndexOf('/') + 1);
    final long instance = incidents.findByNumber(number).orElseThrow().processInstanceKey();

    final Document running = page(instance);
    client.newCancelInstanceCommand(instance).send().join();
    final Document ended = page(instance);

    assertThat(number).startsWith("INC");
    assertThat(running.select("#record-link").attr("href")).isEqualTo("/incidents/" + number);
    assertThat(ended.select("#instance-state").text()).isEqualTo("Canceled");
    assertThat(ended.select("#record-link").attr("href")).isEqualTo("/incidents/" + number);
    assertThat(ended.select("#record-link").text()).isEqualTo(number);
  }

  @Test
  void theTagFilterFindsTaggedInstancesAndTheListAndPageShowTheirTags() throws Exception {
    final String processId = deployOneTask(unique("tagged"), unique("tagged-work"));
    final long tagged =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .tags("region:emea", "vip")
            .send()
            .join()
            .getProcessInstanceKey();
    client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().send().join();

    final Document all = html(get("/operate/instances").session(owner).param("process", processId));
    final Document byTag =
        html(
            get("/operate/instances")
                .session(owner)
                .param("process", processId)
                .param("tag", "region:emea"));
    final Document byOtherTag =
        html(
            get("/operate/instances")
                .session(owner)
                .param("process", processId)
                .param("tag", "region:apac"));

    assertThat(all.select("tr[data-instance-key]")).hasSize(2);
    assertThat(byTag.select("tr[data-instance-key]").eachAttr("data-instance-key"))
        .containsExactly(Long.toString(tagged));
    assertThat(byTag.select("tr[data-instance-key] .fd-operate-tags li").eachText())
        .containsExactlyInAnyOrder("region:emea", "vip");
    assertThat(byOtherTag.select("tr[data-instance-key]")).isEmpty();
    assertThat(page(tagged).select("#instance-tags li").eachText())
        .containsExactlyInAnyOrder("region:emea", "vip");
  }
}
