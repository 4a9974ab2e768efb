package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Camunda 8.8 answers from secondary storage: ended element instances and the last values of
 * an ended instance's variables (until history retention), and process instance tags. (Tags the
 * client refuses itself are tested in {@code InstanceTagsTest}, over plain REST and gRPC.)
 */
@FlowdeskEngineTest
class InstanceHistoryConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private String deployOneTask(final String type) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(processId())
            .startEvent("start")
            .serviceTask("work", t -> t.zeebeJobType(type))
            .endEvent("end")
            .done());
  }

  private List<ElementInstance> elementInstances(final long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items();
  }

  @Test
  void endedElementInstancesOfAnInstanceAreFoundCompletedWithTheirTimes() {
    final String type = "history-" + processId();
    final long instance = conformance.start(deployOneTask(type), Map.of("stage", 1));
    conformance.complete(conformance.activateOne(type), Map.of("stage", 2));
    records.awaitCompleted(instance);

    final List<ElementInstance> ended = elementInstances(instance);

    assertThat(ended)
        .extracting(ElementInstance::getElementId, ElementInstance::getState)
        .contains(
            tuple("start", ElementInstanceState.COMPLETED),
            tuple("work", ElementInstanceState.COMPLETED),
            tuple("end", ElementInstanceState.COMPLETED));
    assertThat(ended)
        .allSatisfy(
            e -> {
              assertThat(e.getProcessInstanceKey()).isEqualTo(instance);
              assertThat(e.getStartDate()).isNotNull();
              assertThat(e.getEndDate()).isAfterOrEqualTo(e.getStartDate());
            });
    final ElementInstance work =
        ended.stream().filter(e -> "work".equals(e.getElementId())).findFirst().orElseThrow();
    final ElementInstance read =
        client.newElementInstanceGetRequest(work.getElementInstanceKey()).send().join();
    assertThat(read.getState()).isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(read.getEndDate()).isEqualTo(work.getEndDate());
    assertThat(
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).state(ElementInstanceState.COMPLETED))
                .send()
                .join()
                .items())
        .extracting(ElementInstance::getElementId)
        .contains("start", "work", "end");
  }

  @Test
  void aCanceledInstancesElementsAreTerminatedAndTheLiveOnesStayActive() {
    final String type = "history-" + processId();
    final long instance = conformance.start(deployOneTask(type), Map.of());
    assertThat(elementInstances(instance))
        .extracting(ElementInstance::getElementId, ElementInstance::getState)
        .contains(
            tuple("start", ElementInstanceState.COMPLETED),
            tuple("work", ElementInstanceState.ACTIVE));

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(elementInstances(instance))
        .filteredOn(e -> "work".equals(e.getElementId()))
        .singleElement()
        .satisfies(
            work -> {
              assertThat(work.getState()).isEqualTo(ElementInstanceState.TERMINATED);
              assertThat(work.getEndDate()).isNotNull();
            });
  }

  @Test
  void anEndedInstancesVariablesKeepTheirLastValues() {
    final String type = "history-" + processId();
    final long instance = conformance.start(deployOneTask(type), Map.of("stage", 1, "kept", "a"));
    conformance.complete(conformance.activateOne(type), Map.of("stage", 2));
    records.awaitCompleted(instance);

    final List<Variable> variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();

    assertThat(variables)
        .extracting(Variable::getName, Variable::getValue, Variable::getScopeKey)
        .containsExactlyInAnyOrder(tuple("stage", "2", instance), tuple("kept", "\"a\"", instance));
    final Variable stage =
        variables.stream().filter(v -> "stage".equals(v.getName())).findFirst().orElseThrow();
    assertThat(client.newVariableGetRequest(stage.getVariableKey()).send().join().getValue())
        .isEqualTo("2");
  }

  @Test
  void aSearchThatNamesNoInstanceFindsLiveElementInstancesOnly() {
    final String type = "history-" + processId();
    final String id = deployOneTask(type);
    final long instance = conformance.start(id, Map.of());
    conformance.complete(conformance.activateOne(type), Map.of());
    records.awaitCompleted(instance);

    assertThat(
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(elementInstances(instance)).isNotEmpty();
  }

  @Test
  void tagsGivenAtCreationAreReturnedAndFiltered() {
    final String type = "tags-" + processId();
    final String id = deployOneTask(type);
    final long tagged =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .tags("region:emea", "priority.high")
            .send()
            .join()
            .getProcessInstanceKey();
    final long untagged = conformance.start(id, Map.of());

    final List<ProcessInstance> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(id).tags("region:emea"))
            .send()
            .join()
            .items();

    assertThat(found).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(tagged);
    assertThat(found.get(0).getTags()).containsExactlyInAnyOrder("region:emea", "priority.high");
    assertThat(client.newProcessInstanceGetRequest(untagged).send().join().getTags()).isEmpty();
  }
}
