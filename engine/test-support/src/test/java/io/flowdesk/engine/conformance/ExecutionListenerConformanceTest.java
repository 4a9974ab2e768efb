package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Execution listeners as Zeebe's docs describe them: jobs before and after an element. */
@FlowdeskEngineTest
class ExecutionListenerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  @Test
  void startListenersRunBeforeTheTaskAndEndListenersAfterItInOrder() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "work",
                t ->
                    t.zeebeJobType("work-" + id)
                        .zeebeStartExecutionListener("prepare-" + id)
                        .zeebeEndExecutionListener("audit-" + id)
                        .zeebeEndExecutionListener("notify-" + id))
            .endEvent("end")
            .done());
    final long instance = conformance.start(id, Map.of());

    assertThat(conformance.activate("work-" + id, 1)).isEmpty();
    final ActivatedJob prepare = conformance.activateOne("prepare-" + id);
    assertThat(prepare.getKind().name()).isEqualTo("EXECUTION_LISTENER");
    assertThat(prepare.getListenerEventType().name()).isEqualTo("START");
    conformance.complete(prepare, Map.of("prepared", true));

    final ActivatedJob work = conformance.activateOne("work-" + id);
    assertThat(work.getKind().name()).isEqualTo("BPMN_ELEMENT");
    assertThat(work.getVariablesAsMap()).containsEntry("prepared", true);
    conformance.complete(work, Map.of());

    assertThat(conformance.activate("notify-" + id, 1)).isEmpty();
    final ActivatedJob audit = conformance.activateOne("audit-" + id);
    assertThat(audit.getListenerEventType().name()).isEqualTo("END");
    conformance.complete(audit, Map.of("audited", true));
    conformance.complete(conformance.activateOne("notify-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "audited")).isEqualTo("true");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).containsSubsequence("work", "end");
  }

  @Test
  void onAMultiInstanceActivityListenersRunAroundEachInnerInstanceWithItsItem() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "review",
                t ->
                    t.zeebeJobType("review-" + id)
                        .zeebeStartExecutionListener("brief-" + id)
                        .zeebeEndExecutionListener("file-" + id)
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("reviewers")
                                    .zeebeInputElement("reviewer")
                                    .zeebeOutputCollection("briefs")
                                    .zeebeOutputElementExpression("brief")))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("reviewers", List.of("ann", "bob")));

    final List<ActivatedJob> briefs = conformance.activate("brief-" + id, 3);
    assertThat(briefs)
        .extracting(job -> job.getVariablesAsMap().get("reviewer"))
        .containsExactlyInAnyOrder("ann", "bob");
    briefs.forEach(
        job ->
            conformance.complete(
                job, Map.of("brief", "for " + job.getVariablesAsMap().get("reviewer"))));
    final List<ActivatedJob> reviews = conformance.activate("review-" + id, 3);
    assertThat(reviews)
        .extracting(job -> job.getVariablesAsMap().get("brief"))
        .as("each inner instance keeps what its own start listener set")
        .containsExactlyInAnyOrder("for ann", "for bob");
    reviews.forEach(job -> conformance.complete(job, Map.of()));
    final List<ActivatedJob> filings = conformance.activate("file-" + id, 3);
    assertThat(filings)
        .extracting(
            job ->
                job.getListenerEventType().name() + " " + job.getVariablesAsMap().get("reviewer"))
        .containsExactlyInAnyOrder("END ann", "END bob");
    filings.forEach(job -> conformance.complete(job, Map.of()));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "briefs")).isEqualTo("[\"for ann\", \"for bob\"]");
    assertThat(records.variable(instance, "brief")).isNull();
  }

  @Test
  void aListenerJobCannotThrowABpmnError() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .manualTask("check")
            .zeebeStartExecutionListener("check-" + id)
            .endEvent()
            .done());
    conformance.start(id, Map.of());
    final ActivatedJob listener = conformance.activateOne("check-" + id);

    assertThatThrownBy(
            () -> client.newThrowErrorCommand(listener.getKey()).errorCode("X").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("execution listener");
  }
}
