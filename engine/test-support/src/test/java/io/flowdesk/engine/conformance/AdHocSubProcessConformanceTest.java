package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AdHocSubProcessBuilder;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ad-hoc sub-processes as Camunda 8.8 documents them: the inner elements {@code
 * activeElementsCollection} names start on entry, more are activated through the ad-hoc activities
 * API (REST only: Camunda's gRPC API has no such call, so the client sends it over REST whichever
 * protocol it prefers), the completion condition is evaluated at each inner completion and {@code
 * cancelRemainingInstances} decides what happens to what still runs.
 */
@FlowdeskEngineTest
class AdHocSubProcessConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  /** A process around one ad-hoc sub-process "adhoc" with service tasks A and B, and C after B. */
  private String deployAdHoc(final String id, final Consumer<AdHocSubProcessBuilder> settings) {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .adHocSubProcess(
                "adhoc",
                adHoc -> {
                  settings.accept(adHoc);
                  adHoc.serviceTask("A", t -> t.zeebeJobType("A-" + id));
                  adHoc
                      .serviceTask("B", t -> t.zeebeJobType("B-" + id))
                      .serviceTask("C", t -> t.zeebeJobType("C-" + id));
                })
            .endEvent("done")
            .done();
    conformance.deploy(model);
    return id;
  }

  private long elementInstanceOf(final long instance, final String elementId) {
    return records.of(instance).stream()
        .filter(e -> e.intent().equals("ELEMENT_ACTIVATED") && elementId.equals(e.elementId()))
        .findFirst()
        .orElseThrow()
        .key();
  }

  @Test
  void theElementsNamedByActiveElementsCollectionStartAndItCompletesWhenTheyAreDone() {
    final String id =
        deployAdHoc(processId(), a -> a.zeebeActiveElementsCollectionExpression("todo"));
    final long instance = conformance.start(id, Map.of("todo", List.of("A", "B")));

    final ActivatedJob a = conformance.activateOne("A-" + id);
    final ActivatedJob b = conformance.activateOne("B-" + id);
    final List<?> elements = (List<?>) a.getVariablesAsMap().get("adHocSubProcessElements");
    assertThat(elements.stream().map(e -> ((Map<?, ?>) e).get("elementId")).toList())
        .isEqualTo(List.of("A", "B"));
    conformance.complete(a, Map.of());
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    conformance.complete(b, Map.of());
    conformance.complete(conformance.activateOne("C-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("A", "adhoc", "done")
        .containsSubsequence("B", "C", "adhoc");
  }

  @Test
  void withNothingToActivateItWaitsForElementsActivatedThroughTheApiWithTheirVariables() {
    final String id = deployAdHoc(processId(), a -> {});
    final long instance = conformance.start(id, Map.of());
    final long adHoc = elementInstanceOf(instance, "adhoc");
    assertThat(conformance.activate("A-" + id, 1)).isEmpty();

    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adHoc))
        .activateElement("A", Map.of("ticket", "T-1"))
        .send()
        .join();

    final ActivatedJob a = conformance.activateOne("A-" + id);
    assertThat(a.getVariablesAsMap()).containsEntry("ticket", "T-1");
    conformance.complete(a, Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).doesNotContain("B", "C");
  }

  @Test
  void theActivationApiRefusesUnknownKeysOtherElementsAndElementsTheSubProcessDoesNotHave() {
    final String id =
        deployAdHoc(processId(), a -> a.zeebeActiveElementsCollectionExpression("[\"A\"]"));
    final long instance = conformance.start(id, Map.of());
    final long adHoc = elementInstanceOf(instance, "adhoc");
    final long taskA = elementInstanceOf(instance, "A");

    assertThatThrownBy(
            () ->
                client
                    .newActivateAdHocSubProcessActivitiesCommand("2251799813999999")
                    .activateElement("A")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                client
                    .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(taskA))
                    .activateElement("A")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND))
        .hasMessageContaining("not an ad-hoc sub-process");
    assertThatThrownBy(
            () ->
                client
                    .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adHoc))
                    .activateElement("B")
                    .activateElement("nope")
                    .activateElement("C")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'nope'")
        .hasMessageContaining("'C'");

    // Nothing of the refused activation happened.
    assertThat(records.elements(instance, "ELEMENT_ACTIVATING")).doesNotContain("B", "C");
  }

  @Test
  void aMetCompletionConditionTerminatesWhatStillRunsByDefault() {
    final String id =
        deployAdHoc(
            processId(),
            a ->
                a.zeebeActiveElementsCollectionExpression("[\"A\", \"B\"]")
                    .completionCondition("=enough"));
    final long instance = conformance.start(id, Map.of("enough", false));
    final ActivatedJob a = conformance.activateOne("A-" + id);
    conformance.activateOne("B-" + id);

    conformance.complete(a, Map.of("enough", true));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("B");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("A", "adhoc", "done");
    assertThat(conformance.activate("B-" + id, 1)).isEmpty();
  }

  @Test
  void withoutCancelRemainingInstancesAMetConditionWaitsForWhatStillRuns() {
    final String id =
        deployAdHoc(
            processId(),
            a ->
                a.zeebeActiveElementsCollectionExpression("[\"A\", \"B\"]")
                    .completionCondition("=enough")
                    .cancelRemainingInstances(false));
    final long instance = conformance.start(id, Map.of("enough", false));
    final ActivatedJob a = conformance.activateOne("A-" + id);
    final ActivatedJob b = conformance.activateOne("B-" + id);

    conformance.complete(a, Map.of("enough", true));
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    conformance.complete(b, Map.of());
    conformance.complete(conformance.activateOne("C-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).containsSubsequence("C", "adhoc");
  }

  @Test
  void anUnmetConditionKeepsItActiveWhenNothingRunsUntilAnActivatedElementMeetsIt() {
    final String id =
        deployAdHoc(
            processId(),
            a ->
                a.zeebeActiveElementsCollectionExpression("[\"A\"]")
                    .completionCondition("=enough"));
    final long instance = conformance.start(id, Map.of("enough", false));
    conformance.complete(conformance.activateOne("A-" + id), Map.of());
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("A");
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");

    client
        .newActivateAdHocSubProcessActivitiesCommand(
            String.valueOf(elementInstanceOf(instance, "adhoc")))
        .activateElement("A")
        .send()
        .join();
    conformance.complete(conformance.activateOne("A-" + id), Map.of("enough", true));

    records.awaitCompleted(instance);
  }

  @Test
  void theOutputOfEachFlowIsCollectedAndPropagated() {
    final String id =
        deployAdHoc(
            processId(),
            a ->
                a.zeebeActiveElementsCollectionExpression("[\"A\", \"B\"]")
                    .zeebeOutputCollection("results")
                    .zeebeOutputElementExpression("result"));
    final long instance = conformance.start(id, Map.of());

    conformance.complete(conformance.activateOne("A-" + id), Map.of("result", "a"));
    conformance.complete(conformance.activateOne("B-" + id), Map.of("result", "b"));
    conformance.complete(conformance.activateOne("C-" + id), Map.of("result", "c"));

    records.awaitCompleted(instance);
    // B's flow ends at C: one output per flow, taken when it ends.
    assertThat(records.variable(instance, "results")).isEqualTo("[\"a\", \"c\"]");
  }

  @Test
  void activeElementsNamingNoInnerElementRaiseAnIncidentThatResolvesOnceFixed() {
    final String id =
        deployAdHoc(processId(), a -> a.zeebeActiveElementsCollectionExpression("todo"));
    final long instance = conformance.start(id, Map.of("todo", List.of("A", "missing")));

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("adhoc");
    assertThat(incident.errorMessage()).contains("missing");
    assertThat(conformance.activate("A-" + id, 1)).isEmpty();

    client.newSetVariablesCommand(instance).variables(Map.of("todo", List.of("A"))).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    conformance.complete(conformance.activateOne("A-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void aCompletionConditionThatFailsRaisesAnIncidentOnTheCompletingElement() {
    final String id =
        deployAdHoc(
            processId(),
            a ->
                a.zeebeActiveElementsCollectionExpression("[\"A\"]")
                    .completionCondition("=count > 1"));
    final long instance = conformance.start(id, Map.of());
    conformance.complete(conformance.activateOne("A-" + id), Map.of("count", "many"));

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("A");

    client.newSetVariablesCommand(instance).variables(Map.of("count", 2)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).containsOnlyOnce("A");
  }

  @Test
  void cancelingTheInstanceTerminatesTheAdHocSubProcessAndItsElements() {
    final String id =
        deployAdHoc(processId(), a -> a.zeebeActiveElementsCollectionExpression("[\"A\"]"));
    final long instance = conformance.start(id, Map.of());
    conformance.activateOne("A-" + id);

    client.newCancelInstanceCommand(instance).send().join();

    records.awaitState(instance, "TERMINATED");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).contains("A", "adhoc");
  }

  @Test
  void adHocSubProcessesWithStartEventsAreRefusedAtDeployment() {
    final String withStart =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .adHocSubProcess(
                    "withStart",
                    adHoc -> {
                      adHoc.task("inner");
                      adHoc.embeddedSubProcess().startEvent("innerStart").endEvent();
                    })
                .endEvent()
                .done());
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(withStart, StandardCharsets.UTF_8, "start.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("withStart");
  }
}
