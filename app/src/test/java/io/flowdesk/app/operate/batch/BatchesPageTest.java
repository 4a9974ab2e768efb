package io.flowdesk.app.operate.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.app.WebTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Batch operations at {@code /operate/batches} through HTTP, as the instance list and the mapping
 * page submit them, against the embedded engine's batch operations.
 */
class BatchesPageTest extends WebTestSupport {

  @Autowired CamundaClient client;

  private final String id = "batched" + UUID.randomUUID().toString().replace("-", "");
  private long v1;
  private long v2;
  private final List<Long> instances = new ArrayList<>();
  private MockHttpSession otto;

  private long deploy(final BpmnModelInstance model) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  @BeforeEach
  void twoVersionsAndThreeInstancesOfTheFirst() throws Exception {
    v1 =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .endEvent()
                .done());
    for (int i = 0; i < 3; i++) {
      instances.add(
          client
              .newCreateInstanceCommand()
              .processDefinitionKey(v1)
              .send()
              .join()
              .getProcessInstanceKey());
    }
    v2 =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work-v2"))
                .serviceTask("review", t -> t.zeebeJobType(id + "-review"))
                .endEvent()
                .done());
    otto = signIn("owner.otto");
  }

  private MockHttpServletRequestBuilder selected(final MockHttpServletRequestBuilder request) {
    instances.forEach(key -> request.param("instanceKey", String.valueOf(key)));
    return request.session(otto);
  }

  private long definitionOf(final long instance) {
    return client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey();
  }

  private int batchCount() {
    return client.newBatchOperationSearchRequest().send().join().items().size();
  }

  @Test
  void migratesTheSelectionWithTheMappingAndListsEachInstancesResult() throws Exception {
    final Document form = html(selected(get("/operate/batches/new").param("operation", "migrate")));
    assertThat(form.select("#source-version").text()).isEqualTo(id + " v1");
    assertThat(form.select("#target-version option[selected]").val()).isEqualTo(String.valueOf(v2));
    assertThat(form.select("#map-work option[selected]").val()).isEqualTo("work");
    assertThat(form.select("#mapping tr[data-element=work] td").first().text()).isEqualTo("3");

    final String location =
        mvc.perform(
                selected(post("/operate/batches"))
                    .param("operation", "migrate")
                    .param("targetProcessDefinitionKey", String.valueOf(v2))
                    .param("shownTarget", String.valueOf(v2))
                    .param("map.work", "work")
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(location).matches("/operate/batches/\\d+");
    final String key = location.substring("/operate/batches/".length());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.newBatchOperationGetRequest(key).send().join().getStatus()
                    == BatchOperationState.COMPLETED);
    final Document page = html(get(location).session(otto));
    assertThat(page.select("#batch-state").text()).isEqualTo("COMPLETED");
    assertThat(page.select("#batch-items tr[data-state=COMPLETED]")).hasSize(3);
    for (final long instance : instances) {
      assertThat(page.select("#batch-items a[href=/operate/instances/" + instance + "]"))
          .hasSize(1);
      assertThat(definitionOf(instance)).isEqualTo(v2);
    }
    assertThat(
            html(get("/operate/batches").session(otto)).select("tr[data-batch=" + key + "]").text())
        .contains("Migrate process instance", "COMPLETED", "3 done, 0 failed of 3");
  }

  @Test
  void anIncompatibleMappingIsRefusedPerElementAndChangesNothing() throws Exception {
    final long v3 =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("work")
                .zeebeUserTask()
                .endEvent()
                .done());
    final int batches = batchCount();

    final var typeMismatch =
        mvc.perform(
                selected(post("/operate/batches"))
                    .param("operation", "migrate")
                    .param("targetProcessDefinitionKey", String.valueOf(v3))
                    .param("shownTarget", String.valueOf(v3))
                    .param("map.work", "work")
                    .with(csrf()))
            .andExpect(status().isConflict())
            .andReturn();
    final Document refused = org.jsoup.Jsoup.parse(typeMismatch.getResponse().getContentAsString());
    assertThat(refused.select("#plan-refusals [data-element=work]").text())
        .contains("serviceTask", "userTask");

    final Document unmapped =
        html(
            selected(post("/operate/batches"))
                .param("operation", "migrate")
                .param("targetProcessDefinitionKey", String.valueOf(v2))
                .param("shownTarget", String.valueOf(v2))
                .param("map.work", "")
                .with(csrf()));
    assertThat(unmapped.select("#plan-refusals [data-element=work]").text())
        .contains("active in 3");

    assertThat(batchCount()).isEqualTo(batches);
    instances.forEach(instance -> assertThat(definitionOf(instance)).isEqualTo(v1));
  }

  @Test
  void cancelsTheSelectedInstances() throws Exception {
    final String location =
        mvc.perform(
                post("/operate/batches")
                    .param("operation", "cancel")
                    .param("instanceKey", String.valueOf(instances.get(0)))
                    .session(otto)
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.newProcessInstanceGetRequest(instances.get(0)).send().join().getState()
                    == ProcessInstanceState.TERMINATED);
    assertThat(client.newProcessInstanceGetRequest(instances.get(1)).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(html(get(location).session(otto)).select("#batch-items tr")).hasSize(2);
  }

  @Test
  void cancelsEveryInstanceTheInstanceListsFilterFinds() throws Exception {
    // The list's bulk form: its own filter fields, prefixed "filter.".
    mvc.perform(
            post("/operate/batches")
                .param("operation", "cancel")
                .param("filter.process", id)
                .param("filter.version", "1")
                .param("filter.state", "active")
                .session(otto)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                instances.stream()
                    .allMatch(
                        key ->
                            client.newProcessInstanceGetRequest(key).send().join().getState()
                                == ProcessInstanceState.TERMINATED));
  }

  @Test
  void badInputIsNamedAndStartsNothing() throws Exception {
    final int batches = batchCount();
    assertThat(
            html(post("/operate/batches")
                    .param("operation", "explode")
                    .param("instanceKey", "1")
                    .session(otto)
                    .with(csrf()))
                .select("#error")
                .text())
        .contains("'operation' must be");
    assertThat(
            html(post("/operate/batches")
                    .param("operation", "cancel")
                    .param("instanceKey", "abc")
                    .session(otto)
                    .with(csrf()))
                .select("#error")
                .text())
        .contains("'instanceKey' must be a key");
    assertThat(
            html(post("/operate/batches")
                    .param("operation", "cancel")
                    .param("filter.colour", "red")
                    .session(otto)
                    .with(csrf()))
                .select("#error")
                .text())
        .contains("Unknown filter field 'filter.colour'");
    assertThat(
            html(post("/operate/batches")
                    .param("operation", "cancel")
                    .param("filter.version", "first")
                    .session(otto)
                    .with(csrf()))
                .select("#error")
                .text())
        .contains("Version must be a whole number from 1, not 'first'.");
    mvc.perform(post("/operate/batches").param("operation", "cancel").session(otto).with(csrf()))
        .andExpect(status().isBadRequest());
    // A GET shows plans only: it neither cancels nor starts a complete migration.
    mvc.perform(selected(get("/operate/batches/new")).param("operation", "cancel"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            selected(get("/operate/batches/new"))
                .param("operation", "migrate")
                .param("targetProcessDefinitionKey", String.valueOf(v2))
                .param("shownTarget", String.valueOf(v2))
                .param("map.work", "work"))
        .andExpect(status().isOk());
    assertThat(batchCount()).isEqualTo(batches);
    instances.forEach(instance -> assertThat(definitionOf(instance)).isEqualTo(v1));
  }

  @Test
  void onlyProcessOwnersAndAdminsWithCsrf() throws Exception {
    mvc.perform(get("/operate/batches").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/batches").session(signIn("alice"))).andExpect(status().isForbidden());
    mvc.perform(
            post("/operate/batches")
                .param("operation", "cancel")
                .param("instanceKey", String.valueOf(instances.get(0)))
                .session(signIn("agent.anna"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/operate/batches")
                .param("operation", "cancel")
                .param("instanceKey", String.valueOf(instances.get(0)))
                .session(otto))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/batches").session(signIn("admin"))).andExpect(status().isOk());
    assertThat(client.newProcessInstanceGetRequest(instances.get(0)).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
  }
}
