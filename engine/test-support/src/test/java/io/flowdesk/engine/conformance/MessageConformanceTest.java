package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message correlation as Zeebe's docs describe it, through PublishMessage. */
@FlowdeskEngineTest
class MessageConformanceTest {

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Engine engine;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private static String unique(final String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  void aPublishedMessageCorrelatesByNameAndKeyAndItsVariablesArePropagated() {
    final String message = unique("paid");
    final String id = conformance.deployMessageCatch(message);
    final long instance = conformance.start(id, Map.of("orderId", "o-1"));
    final long other = conformance.start(id, Map.of("orderId", "o-2"));

    conformance.publish(message, "o-1", Map.of("amount", 42));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "amount")).isEqualTo("42");
    assertThat(records.stateOf(other)).isEqualTo("ACTIVE");
  }

  @Test
  void aNumericCorrelationKeyMatchesItsTextForm() {
    final String message = unique("paid");
    final String id = conformance.deployMessageCatch(message);
    final long instance = conformance.start(id, Map.of("orderId", 17));

    conformance.publish(message, "17", Map.of());

    records.awaitCompleted(instance);
  }

  @Test
  void aCorrelationKeyThatIsNeitherTextNorNumberRaisesAnIncident() {
    final String id = conformance.deployMessageCatch(unique("paid"));
    final long instance = conformance.start(id, Map.of("orderId", true));

    final var incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage())
        .contains("correlation key")
        .contains("either a string or a number");
  }

  @Test
  void aBufferedMessageCorrelatesToASubscriptionOpenedWithinItsTimeToLive() {
    final String message = unique("paid");
    final String id = conformance.deployMessageCatch(message);
    conformance.publish(message, "o-7", Duration.ofMinutes(5), Map.of("late", true));

    final long instance = conformance.start(id, Map.of("orderId", "o-7"));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "late")).isEqualTo("true");
  }

  @Test
  void aMessageWhoseTimeToLiveEndedNoLongerCorrelates() {
    final String message = unique("paid");
    final String id = conformance.deployMessageCatch(message);
    conformance.publish(message, "o-8", Duration.ofMinutes(5), Map.of());
    clock.advance(Duration.ofMinutes(6));

    final long instance = conformance.start(id, Map.of("orderId", "o-8"));

    engine.runDueTimers();
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
  }

  @Test
  void aMessageCorrelatesAtMostOncePerProcess() {
    final String message = unique("paid");
    final String id = conformance.deployMessageCatch(message);
    final long first = conformance.start(id, Map.of("orderId", "same"));
    final long second = conformance.start(id, Map.of("orderId", "same"));

    conformance.publish(message, "same", Duration.ofMinutes(1), Map.of());

    records.awaitCompleted(first);
    assertThat(records.stateOf(second)).isEqualTo("ACTIVE");
    conformance.publish(message, "same", Map.of());
    records.awaitCompleted(second);
  }

  @Test
  void aMessageIdIsUniqueWhileTheMessageIsBuffered() {
    final String message = unique("m");
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey("k")
        .messageId("id-1")
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();

    assertThatThrownBy(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName(message)
                    .correlationKey("k")
                    .messageId("id-1")
                    .timeToLive(Duration.ofMinutes(1))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.ALREADY_EXISTS))
        .hasMessageContaining("id-1");
  }

  @Test
  void aReceiveTaskWaitsForItsMessage() {
    final String message = unique("approved");
    final String id =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .receiveTask(
                    "wait",
                    r -> r.message(m -> m.name(message).zeebeCorrelationKeyExpression("ticket")))
                .endEvent()
                .done());
    final long instance = conformance.start(id, Map.of("ticket", "INC1"));

    conformance.publish(message, "INC1", Map.of());

    records.awaitCompleted(instance);
  }

  @Test
  void anInterruptingMessageBoundaryEventTerminatesItsTask() {
    final String message = unique("cancelled");
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work-" + id))
            .boundaryEvent(
                "cancel",
                b -> b.message(m -> m.name(message).zeebeCorrelationKeyExpression("ticket")))
            .endEvent("cancelled")
            .moveToActivity("work")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of("ticket", "INC2"));

    conformance.publish(message, "INC2", Map.of("reason", "duplicate"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("work");
    assertThat(records.variable(instance, "reason")).isEqualTo("\"duplicate\"");
    assertThat(conformance.activate("work-" + id, 1)).isEmpty();
  }

  @Test
  void aMessageStartEventStartsOneInstancePerCorrelationKeyAtATime() {
    final String message = unique("report");
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("reported")
            .message(message)
            .serviceTask("triage", t -> t.zeebeJobType("triage-" + id))
            .endEvent()
            .done());

    conformance.publish(message, "caller-1", Map.of("summary", "printer"));
    conformance.publish(message, "caller-1", Map.of("summary", "again"));
    conformance.publish(message, "caller-2", Map.of("summary", "mail"));

    assertThat(records.instancesOf(id)).hasSize(2);
    final long first = records.instancesOf(id).get(0);
    assertThat(records.variable(first, "summary")).isEqualTo("\"printer\"");

    conformance.complete(conformance.activateOne("triage-" + id), Map.of());
    conformance.complete(conformance.activateOne("triage-" + id), Map.of());
    records.instancesOf(id).forEach(records::awaitCompleted);
    conformance.publish(message, "caller-1", Map.of());
    assertThat(records.instancesOf(id)).hasSize(3);
  }

  @Test
  void theFirstEventOfAnEventBasedGatewayWinsAndTheOthersAreWithdrawn() {
    final String message = unique("answer");
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .eventBasedGateway("which")
            .intermediateCatchEvent(
                "answered",
                e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("ticket")))
            .endEvent("viaAnswer")
            .moveToNode("which")
            .intermediateCatchEvent("silence", e -> e.timerWithDuration("P3D"))
            .endEvent("viaTimer")
            .done());
    final long answered = conformance.start(id, Map.of("ticket", "a"));
    final long silent = conformance.start(id, Map.of("ticket", "b"));

    conformance.publish(message, "a", Map.of("confirmed", true));
    records.awaitCompleted(answered);
    assertThat(records.elements(answered, "ELEMENT_COMPLETED")).contains("answered", "viaAnswer");
    assertThat(records.variable(answered, "confirmed")).isEqualTo("true");

    clock.advance(Duration.ofDays(3));
    records.awaitCompleted(silent);
    conformance.publish(message, "b", Duration.ofMinutes(1), Map.of());
    assertThat(records.elements(silent, "ELEMENT_COMPLETED"))
        .contains("silence", "viaTimer")
        .doesNotContain("answered");
  }
}
