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
 * end event). A call activity whose called instance they hold up stays terminating with it.
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

  /** A process whose user task {@code review} has a canceling listener of type cancel-{id}. */
  private String deployReviewing(final String id) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("review", u -> cancelingListener(u, id))
            .endEvent()
            .done());
  }

  /** The PROCESS_INSTANCE records of these instances as elementId:intent, in their one order. */
  private List<String> elementOrder(final Long... instances) {
    return records.ofInstances(instances).stream()
        .filter(e -> e.valueType().equals("PROCESS_INSTANCE"))
        .map(e -> e.elementId() + ":" + e.intent())
        .toList();
  }

  @Test
  void aCanceledParentEndsOnlyAfterTheInstanceItsCallActivityStartedEndedItsCancelingListeners() {
    final String childId = deployReviewing(processId());
    final String parentId = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(parentId)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(childId))
            .endEvent()
            .done());
    final long parent = conformance.start(parentId, Map.of());
    final long child = records.instancesOf(childId).get(0);
    assertThat(taskState(child)).isEqualTo("CREATED");

    client.newCancelInstanceCommand(parent).send().join();

    final ActivatedJob listener = conformance.activateOne("cancel-" + childId);
    assertThat(records.stateOf(parent)).isEqualTo("ACTIVE");
    assertThat(records.stateOf(child)).isEqualTo("ACTIVE");
    assertThat(records.elements(parent, "ELEMENT_TERMINATING")).contains("call", parentId);
    assertThat(records.elements(parent, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(taskState(child)).isEqualTo("CANCELING");
    assertThatThrownBy(
            () -> client.newCancelInstanceCommand(parent).send().join(),
            "an instance being canceled cannot be canceled again")
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));

    client.newCompleteCommand(listener).send().join();

    assertThat(records.stateOf(child)).isEqualTo("TERMINATED");
    assertThat(records.stateOf(parent)).isEqualTo("TERMINATED");
    assertThat(taskState(child)).isEqualTo("CANCELED");
    assertThat(elementOrder(parent, child))
        .containsSubsequence(
            "call:ELEMENT_TERMINATING",
            "review:ELEMENT_TERMINATING",
            "review:ELEMENT_TERMINATED",
            childId + ":ELEMENT_TERMINATED",
            "call:ELEMENT_TERMINATED",
            parentId + ":ELEMENT_TERMINATED");
  }

  /**
   * {@code parentId}: a call activity of {@code childId} with an interrupting message boundary
   * event ({@code withdrawn-<parentId>}, keyed by {@code ticket}) that leads to a {@code notify}
   * job.
   */
  private void deployCallingWithWithdrawal(final String parentId, final String childId) {
    conformance.deploy(
        Bpmn.createExecutableProcess(parentId)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(childId))
            .boundaryEvent(
                "withdrawn",
                b ->
                    b.message(
                        m ->
                            m.name("withdrawn-" + parentId)
                                .zeebeCorrelationKeyExpression("ticket")))
            .serviceTask("notify", t -> t.zeebeJobType("notify-" + parentId))
            .endEvent("closed")
            .moveToActivity("call")
            .endEvent("done")
            .done());
  }

  @Test
  void anInterruptingBoundaryEventOnACallActivityContinuesOnlyAfterTheCalledInstanceTerminated() {
    final String childId = deployReviewing(processId());
    final String parentId = processId();
    deployCallingWithWithdrawal(parentId, childId);
    final long parent = conformance.start(parentId, Map.of("ticket", parentId));
    final long child = records.instancesOf(childId).get(0);

    conformance.publish("withdrawn-" + parentId, parentId, Map.of("reason", "duplicate"));

    final ActivatedJob listener = conformance.activateOne("cancel-" + childId);
    assertThat(records.passed(parent, "call", "ELEMENT_TERMINATED")).isFalse();
    assertThat(records.passed(parent, "withdrawn", "ELEMENT_ACTIVATING")).isFalse();
    assertThat(activatableNow("notify-" + parentId)).as("the boundary's flow waits").isEmpty();
    assertThat(records.stateOf(child)).isEqualTo("ACTIVE");

    client.newCompleteCommand(listener).send().join();

    final ActivatedJob notify = conformance.activateOne("notify-" + parentId);
    assertThat(notify.getVariablesAsMap()).containsEntry("reason", "duplicate");
    assertThat(records.stateOf(child)).isEqualTo("TERMINATED");
    assertThat(elementOrder(parent, child))
        .containsSubsequence(
            "call:ELEMENT_TERMINATING",
            childId + ":ELEMENT_TERMINATED",
            "call:ELEMENT_TERMINATED",
            "withdrawn:ELEMENT_ACTIVATING");
    conformance.complete(notify, Map.of());
    records.awaitCompleted(parent);
  }

  @Test
  void aParentCanceledWhileItsCallActivityWaitsForTheCalledInstanceEndsAfterItWithoutTheBoundary() {
    final String childId = deployReviewing(processId());
    final String parentId = processId();
    deployCallingWithWithdrawal(parentId, childId);
    final long parent = conformance.start(parentId, Map.of("ticket", parentId));
    final long child = records.instancesOf(childId).get(0);
    conformance.publish("withdrawn-" + parentId, parentId, Map.of());
    final ActivatedJob listener = conformance.activateOne("cancel-" + childId);

    client.newCancelInstanceCommand(parent).send().join();

    assertThat(records.stateOf(parent)).isEqualTo("ACTIVE");
    client.newCompleteCommand(listener).send().join();

    assertThat(List.of(records.stateOf(child), records.stateOf(parent))).containsOnly("TERMINATED");
    assertThat(records.passed(parent, "withdrawn", "ELEMENT_ACTIVATING"))
        .as("the boundary event's scope ended meanwhile")
        .isFalse();
    assertThat(activatableNow("notify-" + parentId)).isEmpty();
  }

  @Test
  void aCanceledParentWaitsForTheCancelingListenersOfAnInstanceItsChildCalled() {
    final String grandchildId = deployReviewing(processId());
    final String childId = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(childId)
            .startEvent()
            .callActivity("callGrandchild", c -> c.zeebeProcessId(grandchildId))
            .endEvent()
            .done());
    final String parentId = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(parentId)
            .startEvent()
            .callActivity("callChild", c -> c.zeebeProcessId(childId))
            .endEvent()
            .done());
    final long parent = conformance.start(parentId, Map.of());
    final long child = records.instancesOf(childId).get(0);
    final long grandchild = records.instancesOf(grandchildId).get(0);

    client.newCancelInstanceCommand(parent).send().join();

    final ActivatedJob listener = conformance.activateOne("cancel-" + grandchildId);
    assertThat(List.of(records.stateOf(parent), records.stateOf(child))).containsOnly("ACTIVE");
    assertThat(records.passed(child, "callGrandchild", "ELEMENT_TERMINATED")).isFalse();
    assertThat(records.passed(parent, "callChild", "ELEMENT_TERMINATED")).isFalse();

    client.newCompleteCommand(listener).send().join();

    assertThat(
            List.of(records.stateOf(grandchild), records.stateOf(child), records.stateOf(parent)))
        .containsOnly("TERMINATED");
    assertThat(elementOrder(parent, child, grandchild))
        .containsSubsequence(
            "review:ELEMENT_TERMINATED",
            grandchildId + ":ELEMENT_TERMINATED",
            "callGrandchild:ELEMENT_TERMINATED",
            childId + ":ELEMENT_TERMINATED",
            "callChild:ELEMENT_TERMINATED",
            parentId + ":ELEMENT_TERMINATED");
  }

  @Test
  void anErrorFromTheCalledInstanceIsHandledOnlyAfterItsCancelingListenersCompleted() {
    final String childId = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(childId)
            .startEvent()
            .parallelGateway("fork")
            .userTask("review", u -> cancelingListener(u, childId))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("check", t -> t.zeebeJobType("check-" + childId))
            .endEvent()
            .done());
    final String parentId = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(parentId)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(childId))
            .boundaryEvent("rejected", b -> b.error("REJECTED"))
            .serviceTask("handle", t -> t.zeebeJobType("handle-" + parentId))
            .endEvent("handled")
            .moveToActivity("call")
            .endEvent("done")
            .done());
    final long parent = conformance.start(parentId, Map.of());
    final long child = records.instancesOf(childId).get(0);

    client
        .newThrowErrorCommand(conformance.activateOne("check-" + childId).getKey())
        .errorCode("REJECTED")
        .send()
        .join();

    final ActivatedJob listener = conformance.activateOne("cancel-" + childId);
    assertThat(records.passed(parent, "rejected", "ELEMENT_ACTIVATING")).isFalse();
    assertThat(activatableNow("handle-" + parentId)).as("the error's flow waits").isEmpty();
    assertThat(records.stateOf(child)).isEqualTo("ACTIVE");

    client.newCompleteCommand(listener).send().join();

    conformance.complete(conformance.activateOne("handle-" + parentId), Map.of());
    records.awaitCompleted(parent);
    assertThat(records.stateOf(child)).isEqualTo("TERMINATED");
    assertThat(records.elements(parent, "ELEMENT_COMPLETED")).contains("rejected", "handled");
  }
}
