package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signals as Zeebe's docs describe them: broadcast to every subscription at once. */
@FlowdeskEngineTest
class SignalConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private void broadcast(final String signal, final Map<String, Object> variables) {
    client.newBroadcastSignalCommand().signalName(signal).variables(variables).send().join();
  }

  @Test
  void aBroadcastStartsSignalStartEventsAndWakesEveryWaitingCatchEvent() {
    final String signal = "outage-" + UUID.randomUUID();
    final String starter =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent("s")
                .signal(signal)
                .endEvent()
                .done());
    final String waiter =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.signal(signal))
                .endEvent()
                .done());
    final long first = conformance.start(waiter, Map.of());
    final long second = conformance.start(waiter, Map.of());

    broadcast(signal, Map.of("service", "mail"));

    records.awaitCompleted(first);
    records.awaitCompleted(second);
    assertThat(records.instancesOf(starter)).hasSize(1);
    assertThat(records.variable(records.instancesOf(starter).get(0), "service"))
        .isEqualTo("\"mail\"");
  }

  @Test
  void aNonInterruptingSignalBoundaryEventLetsTheTaskGoOn() {
    final String signal = "notice-" + UUID.randomUUID();
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work-" + id))
            .boundaryEvent("noticed", b -> b.signal(signal).cancelActivity(false))
            .endEvent("notified")
            .moveToActivity("work")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    broadcast(signal, Map.of());
    conformance.complete(conformance.activateOne("work-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("notified", "done");
  }

  @Test
  void aSignalEndEventBroadcastsItsSignal() {
    final String signal = "resolved-" + UUID.randomUUID();
    final String waiter =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.signal(signal))
                .endEvent()
                .done());
    final String thrower =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .endEvent("announce", e -> e.signal(signal))
                .done());
    final long waiting = conformance.start(waiter, Map.of());

    final long throwing = conformance.start(thrower, Map.of());

    records.awaitCompleted(throwing);
    records.awaitCompleted(waiting);
  }
}
