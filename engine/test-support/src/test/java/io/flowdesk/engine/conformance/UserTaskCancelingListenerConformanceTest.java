package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canceling task listeners hold up the termination of their user task's element, as in Zeebe 8.8:
 * the element stays terminating until they completed, and only then does whatever terminated it go
 * on (the instance's cancellation, an interrupting boundary event or event sub-process, a terminate
 * end event).
 */
@FlowdeskEngineTest
class UserTaskCancelingListenerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private static void cancelingListener(final UserTaskBuilder task, final String id) {
    task.zeebeUserTask().zeebeTaskListener(l -> l.canceling().type("cancel-" + id));
  }

  private String taskState(final long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .get(0)
        .getState()
        .name();
  }

  /** Jobs of a type that can be activated right now (a short poll). */
  private List<ActivatedJob> activatableNow(final String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(300))
        .send()
        .join()
        .getJobs();
  }

  private void completeCancelingListener(final String id) {
    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(listener.getListenerEventType().name()).isEqualTo("CANCELING");
    client.newCompleteCommand(listener).send().join();
  }

  @Test
  void aCanceledInstanceEndsOnlyAfterItsUserTasksCancelingListenersCompleted() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("review", u -> cancelingListener(u, id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    client.newCancelInstanceCommand(instance).send().join();

    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    assertThat(records.elements(instance, "ELEMENT_TERMINATING")).contains("review", id);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(taskState(instance)).isEqualTo("CANCELING");
    assertThatThrownBy(
            () -> client.newCancelInstanceCommand(instance).send().join(),
            "an instance being canceled cannot be canceled again")
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));

    client.newCompleteCommand(listener).send().join();

    assertThat(records.stateOf(instance)).isEqualTo("TERMINATED");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("review", id);
    assertThat(taskState(instance)).isEqualTo("CANCELED");
  }

  @Test
  void anInterruptingBoundaryEventContinuesOnlyAfterTheCancelingListenersCompleted() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("review", u -> cancelingListener(u, id))
            .boundaryEvent(
                "withdrawn",
                b ->
                    b.message(
                        m -> m.name("withdrawn-" + id).zeebeCorrelationKeyExpression("ticket")))
            .serviceTask("notify", t -> t.zeebeJobType("notify-" + id))
            .endEvent("closed")
            .moveToActivity("review")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of("ticket", id));

    conformance.publish("withdrawn-" + id, id, Map.of("reason", "duplicate"));

    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(taskState(instance)).isEqualTo("CANCELING");
    assertThat(records.passed(instance, "review", "ELEMENT_TERMINATED")).isFalse();
    assertThat(records.passed(instance, "withdrawn", "ELEMENT_ACTIVATING")).isFalse();
    assertThat(activatableNow("notify-" + id)).as("the boundary's flow waits").isEmpty();

    client.newCompleteCommand(listener).send().join();

    final ActivatedJob notify = conformance.activateOne("notify-" + id);
    assertThat(notify.getVariablesAsMap()).containsEntry("reason", "duplicate");
    final List<String> order =
        records.of(instance).stream()
            .filter(e -> e.valueType().equals("PROCESS_INSTANCE"))
            .map(e -> e.elementId() + ":" + e.intent())
            .toList();
    assertThat(order)
        .containsSubsequence(
            "review:ELEMENT_TERMINATING",
            "review:ELEMENT_TERMINATED",
            "withdrawn:ELEMENT_ACTIVATING");
    assertThat(taskState(instance)).isEqualTo("CANCELED");
    conformance.complete(notify, Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void anInterruptingEventSubProcessStartsOnlyAfterTheCancelingListenersCompleted() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "onStop",
                esp ->
                    esp.startEvent("stop")
                        .message(m -> m.name("stop-" + id).zeebeCorrelationKeyExpression("ticket"))
                        .serviceTask("cleanUp", t -> t.zeebeJobType("clean-" + id))
                        .endEvent())
            .startEvent()
            .userTask("review", u -> cancelingListener(u, id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("ticket", id));

    conformance.publish("stop-" + id, id, Map.of());

    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(records.passed(instance, "onStop", "ELEMENT_ACTIVATING")).isFalse();
    assertThat(activatableNow("clean-" + id)).as("the event sub-process waits").isEmpty();

    client.newCompleteCommand(listener).send().join();

    conformance.complete(conformance.activateOne("clean-" + id), Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("review");
  }

  @Test
  void aTerminateEndEventEndsItsScopeOnlyAfterTheCancelingListenersCompleted() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("fork")
            .userTask("review", u -> cancelingListener(u, id))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("decide", t -> t.zeebeJobType("decide-" + id))
            .endEvent("kill", e -> e.terminate())
            .done());
    final long instance = conformance.start(id, Map.of());
    conformance.complete(conformance.activateOne("decide-" + id), Map.of());

    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    assertThat(records.passed(instance, "kill", "ELEMENT_COMPLETED")).isFalse();

    client.newCompleteCommand(listener).send().join();

    assertThat(records.stateOf(instance)).isEqualTo("COMPLETED");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("kill", id);
    assertThat(taskState(instance)).isEqualTo("CANCELED");
  }
}
