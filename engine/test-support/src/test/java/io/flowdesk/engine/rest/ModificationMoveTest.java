package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REST {@code moveInstructions} on {@code POST /v2/process-instances/{key}/modification}, in the
 * shape Camunda's REST API documents them (source by id or key, target, ancestor scope, variables).
 * camunda-client-java 8.8 and the gRPC API have no move instructions (gRPC clients send the
 * activation and termination a move stands for, see {@code ModificationConformanceTest}), so this
 * is plain HTTP.
 */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class ModificationMoveTest {

  CamundaClient client;
  Engine engine;
  EngineRecords records;
  private Http http;
  private String id;

  @BeforeEach
  void setUp() {
    http = Http.of(engine);
    id = "p" + UUID.randomUUID().toString().replace("-", "");
  }

  private void deploy(final BpmnModelInstance model) {
    client.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
  }

  private long start(final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private List<ActivatedJob> jobs(final String type, final int max) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .requestTimeout(Duration.ofSeconds(5))
        .send()
        .join()
        .getJobs();
  }

  private Http.Answer modify(final long instance, final Object body) {
    return http.post("/v2/process-instances/" + instance + "/modification", body);
  }

  /** start → "first" → "second" → end, both service tasks. */
  private void deployTwoTasks() {
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("first", t -> t.zeebeJobType("first-" + id))
            .serviceTask("second", t -> t.zeebeJobType("second-" + id))
            .endEvent()
            .done());
  }

  @Test
  void aMoveByIdTerminatesTheSourceAndActivatesTheTargetWithItsVariables() {
    deployTwoTasks();
    final long instance = start(Map.of());

    final Http.Answer moved =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of("sourceType", "byId", "sourceElementId", "first"),
                        "targetElementId",
                        "second",
                        "variableInstructions",
                        List.of(Map.of("variables", Map.of("skipped", true)))))));

    assertThat(moved.status()).as(moved.body()).isEqualTo(204);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("first");
    final ActivatedJob second = jobs("second-" + id, 1).get(0);
    assertThat(second.getVariablesAsMap()).containsEntry("skipped", true);
    assertThat(jobs("first-" + id, 1)).isEmpty();
    client.newCompleteCommand(second.getKey()).send().join();
    records.awaitCompleted(instance);
  }

  @Test
  void aMoveByKeyMovesOnlyThatInstance() {
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("left", t -> t.zeebeJobType("task-" + id))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("right", t -> t.zeebeJobType("task-" + id))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("target", t -> t.zeebeJobType("target-" + id))
            .endEvent()
            .done());
    final long instance = start(Map.of());
    final List<ActivatedJob> tasks = jobs("task-" + id, 2);
    final ActivatedJob left =
        tasks.stream().filter(j -> j.getElementId().equals("left")).findFirst().orElseThrow();
    complete(jobs("target-" + id, 1));

    final Http.Answer moved =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of(
                            "sourceType",
                            "byKey",
                            "sourceElementInstanceKey",
                            String.valueOf(left.getElementInstanceKey())),
                        "targetElementId",
                        "target",
                        "ancestorScopeInstruction",
                        Map.of("ancestorScopeType", "sourceParent")))));

    assertThat(moved.status()).as(moved.body()).isEqualTo(204);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("left");
    assertThat(jobs("target-" + id, 2)).hasSize(1);
  }

  @Test
  void inferredAndSourceParentAncestorsKeepEachMoveInItsOwnMultiInstanceInnerInstance() {
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "each",
                sp ->
                    sp.multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("items").zeebeInputElement("item"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                        .serviceTask("check", t -> t.zeebeJobType("check-" + id))
                        .endEvent())
            .endEvent()
            .done());
    final long instance = start(Map.of("items", List.of("a", "b", "c")));
    assertThat(jobs("work-" + id, 3)).hasSize(3);

    for (final String ancestor : List.of("inferred", "sourceParent")) {
      final Http.Answer moved =
          modify(
              instance,
              Map.of(
                  "moveInstructions",
                  List.of(
                      Map.of(
                          "sourceElementInstruction",
                          Map.of("sourceType", "byId", "sourceElementId", "work"),
                          "targetElementId",
                          "check",
                          "ancestorScopeInstruction",
                          Map.of("ancestorScopeType", ancestor)))));
      assertThat(moved.status()).as(ancestor + ": " + moved.body()).isEqualTo(204);
      final List<ActivatedJob> checks = jobs("check-" + id, 4);
      assertThat(checks)
          .extracting(job -> job.getVariablesAsMap().get("item"))
          .as("with %s, each check in the inner instance its work was in", ancestor)
          .containsExactlyInAnyOrder("a", "b", "c");
      if (ancestor.equals("inferred")) {
        // Back to "work" for the second round, through the same move the other way.
        final Http.Answer back =
            modify(
                instance,
                Map.of(
                    "moveInstructions",
                    List.of(
                        Map.of(
                            "sourceElementInstruction",
                            Map.of("sourceElementId", "check"),
                            "targetElementId",
                            "work",
                            "ancestorScopeInstruction",
                            Map.of("ancestorScopeType", "sourceParent")))));
        assertThat(back.status()).as(back.body()).isEqualTo(204);
        assertThat(jobs("work-" + id, 4)).hasSize(3);
      } else {
        complete(checks);
      }
    }
    records.awaitCompleted(instance);
  }

  @Test
  void aMoveIntoAMultiInstanceSubProcessWithoutAncestorIsRefusedAndChangesNothing() {
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "each",
                sp ->
                    sp.multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("items").zeebeInputElement("item"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                        .serviceTask("check", t -> t.zeebeJobType("check-" + id))
                        .endEvent())
            .endEvent()
            .done());
    final long instance = start(Map.of("items", List.of("a", "b")));

    final Http.Answer refused =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of("sourceType", "byId", "sourceElementId", "work"),
                        "targetElementId",
                        "check"))));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText())
        .contains("'check'")
        .contains("multi-instance sub-process 'each'");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(jobs("work-" + id, 3)).hasSize(2);
  }

  @Test
  void badMoveInstructionsAreRefusedNamingTheProblem() {
    deployTwoTasks();
    final long instance = start(Map.of());

    final Http.Answer badType =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of("sourceType", "byName", "sourceElementId", "first"),
                        "targetElementId",
                        "second"))));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().get("detail").asText()).contains("sourceType").contains("byName");

    final Http.Answer noSource =
        modify(instance, Map.of("moveInstructions", List.of(Map.of("targetElementId", "second"))));
    assertThat(noSource.status()).isEqualTo(400);
    assertThat(noSource.json().get("detail").asText()).contains("sourceElementInstruction");

    final Http.Answer noActiveSource =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of("sourceType", "byId", "sourceElementId", "second"),
                        "targetElementId",
                        "first"))));
    assertThat(noActiveSource.status()).isEqualTo(400);
    assertThat(noActiveSource.json().get("detail").asText())
        .contains("'second'")
        .contains("no active instance");

    final Http.Answer badAncestor =
        modify(
            instance,
            Map.of(
                "moveInstructions",
                List.of(
                    Map.of(
                        "sourceElementInstruction",
                        Map.of("sourceType", "byId", "sourceElementId", "first"),
                        "targetElementId",
                        "second",
                        "ancestorScopeInstruction",
                        Map.of("ancestorScopeType", "sideways")))));
    assertThat(badAncestor.status()).isEqualTo(400);
    assertThat(badAncestor.json().get("detail").asText()).contains("sideways");

    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(jobs("first-" + id, 1)).hasSize(1);
  }

  private void complete(final List<ActivatedJob> jobs) {
    jobs.forEach(job -> client.newCompleteCommand(job.getKey()).send().join());
  }
}
