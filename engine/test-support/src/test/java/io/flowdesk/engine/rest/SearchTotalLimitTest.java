package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.SearchResponsePage;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Process instance search totals past {@link Search#COUNT_LIMIT}: a filter the counts kept ahead do
 * not answer is counted up to the limit and answered as a lower bound ({@code hasMoreTotalItems}),
 * as Camunda's search answers totals it stopped counting; one they answer is exact.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class SearchTotalLimitTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;

  @BeforeEach
  void http() {
    http = Http.of(engine);
  }

  private static String newId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  private long deploy(final BpmnModelInstance model, final String id) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private JsonNode page(final Map<String, Object> filter) {
    final Http.Answer answer =
        http.post(
            "/v2/process-instances/search", Map.of("filter", filter, "page", Map.of("limit", 1)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("items")).hasSize(1);
    return answer.json().get("page");
  }

  @Test
  void aTotalPastTenThousandIsCountedAsALowerBound() {
    // 10,020 instances of a process without tasks, called 501 at a time (one command each).
    final String child = newId();
    final long childDefinition =
        deploy(Bpmn.createExecutableProcess(child).startEvent().endEvent().done(), child);
    final String parent = newId();
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId(child)
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("for i in 1..501 return i")))
            .endEvent()
            .done(),
        parent);
    for (int i = 0; i < 20; i++) {
      final long instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(parent)
              .latestVersion()
              .requestTimeout(Duration.ofMinutes(3))
              .send()
              .join()
              .getProcessInstanceKey();
      records.awaitCompleted(instance);
    }

    final JsonNode counted =
        page(
            Map.of(
                "processDefinitionId", child, "parentProcessInstanceKey", Map.of("$exists", true)));
    assertThat(counted.get("totalItems").asLong()).isEqualTo(10_000);
    assertThat(counted.get("hasMoreTotalItems").asBoolean()).isTrue();

    final JsonNode answered =
        page(Map.of("processDefinitionKey", Long.toString(childDefinition), "state", "COMPLETED"));
    assertThat(answered.get("totalItems").asLong()).isEqualTo(10_020);
    assertThat(answered.get("hasMoreTotalItems").asBoolean()).isFalse();

    // camunda-client-java sends each filter with every list it knows, empty ("tags":[],
    // "$in":[] ...): the operations console asks this way, and must get the totals counted ahead.
    for (final Consumer<ProcessInstanceFilter> filter :
        List.<Consumer<ProcessInstanceFilter>>of(
            f -> f.processDefinitionKey(childDefinition).state(ProcessInstanceState.COMPLETED),
            f -> f.processDefinitionId(child).state(ProcessInstanceState.COMPLETED),
            f -> f.processDefinitionId(child))) {
      final SearchResponsePage viaClient =
          client
              .newProcessInstanceSearchRequest()
              .filter(filter)
              .page(p -> p.limit(1))
              .send()
              .join()
              .page();
      assertThat(viaClient.totalItems()).isEqualTo(10_020);
      assertThat(viaClient.hasMoreTotalItems()).isFalse();
    }
    final SearchResponsePage none =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(child).state(ProcessInstanceState.TERMINATED))
            .page(p -> p.limit(1))
            .send()
            .join()
            .page();
    assertThat(none.totalItems()).isZero();
  }
}
