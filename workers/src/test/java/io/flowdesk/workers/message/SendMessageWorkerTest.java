package io.flowdesk.workers.message;

import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.deployXml;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camunda's Message Send connector (type {@code io.camunda:sendMessage:1}) as its element template
 * writes it into a diagram: a send task with the template's task definition, inputs and headers,
 * worked by {@link SendMessageWorker} through the camunda client.
 */
@FlowdeskEngineTest
class SendMessageWorkerTest {

  static TestWorker running;

  CamundaClient client;
  EngineRecords records;

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, SendMessageWorker.TYPE);
      running.use(new SendMessageWorker(client, Duration.ofMillis(100))::handle);
    }
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  /**
   * A sender whose send task is what Desktop Modeler writes for template {@code
   * io.camunda.connectors.message.sendtask.v1} in {@code mode}, with extra inputs and headers.
   */
  private static String sender(
      final String id, final String message, final String mode, final String extra) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:modeler="http://camunda.org/schema/modeler/1.0"
            id="sender" targetNamespace="http://bpmn.io/schema/bpmn"
            modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
          <bpmn:process id="%1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sendTask id="notifyPayment" name="Notify payment"
                zeebe:modelerTemplate="io.camunda.connectors.message.sendtask.v1"
                zeebe:modelerTemplateVersion="0">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="io.camunda:sendMessage:1" retries="1" />
                <zeebe:ioMapping>
                  <zeebe:input source="%2$s" target="messageName" />
                  <zeebe:input source="=orderId" target="correlationKey" />
                  <zeebe:input source="={paid: amount, by: &#34;sender&#34;}" target="variables" />
                  <zeebe:input source="%3$s" target="correlationType.type" />
                  %4$s
                </zeebe:ioMapping>
                <zeebe:taskHeaders>
                  <zeebe:header key="resultVariable" value="sent" />
                  <zeebe:header key="retryBackoff" value="PT0S" />
                  %5$s
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:sendTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notifyPayment" />
            <bpmn:sequenceFlow id="f2" sourceRef="notifyPayment" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(
            id,
            message,
            mode,
            extra.startsWith("<zeebe:input") ? extra : "",
            extra.startsWith("<zeebe:header") ? extra : "");
  }

  /** A receiver waiting for {@code message} keyed by its {@code orderId}. */
  private String deployReceiver(final String message) {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent(
                "paid",
                e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId")))
            .endEvent()
            .done());
    return id;
  }

  @Test
  void publishModeDeliversThePayloadToTheWaitingInstanceAndAnswersTheMessageKey() {
    final String message = "payment-" + processId();
    final String receiver = deployReceiver(message);
    final long waiting = start(client, receiver, Map.of("orderId", "o-1"));
    final String sender = processId();
    deployXml(client, sender + ".bpmn", sender(sender, message, "publish", ""));

    final long sending = start(client, sender, Map.of("orderId", "o-1", "amount", 42));

    records.awaitCompleted(sending);
    records.awaitCompleted(waiting);
    assertThat(records.variable(waiting, "paid")).isEqualTo("42");
    assertThat(records.variable(waiting, "by")).isEqualTo("\"sender\"");
    assertThat(records.variable(sending, "sent")).contains("\"messageKey\"");
  }

  @Test
  void publishModeBuffersTheMessageForItsTimeToLive() {
    final String message = "payment-" + processId();
    final String receiver = deployReceiver(message);
    final String sender = processId();
    deployXml(
        client,
        sender + ".bpmn",
        sender(
            sender,
            message,
            "publish",
            "<zeebe:input source=\"PT1M\" target=\"correlationType.timeToLive\" />"));

    records.awaitCompleted(start(client, sender, Map.of("orderId", "o-2", "amount", 7)));
    final long later = start(client, receiver, Map.of("orderId", "o-2"));

    records.awaitCompleted(later);
    assertThat(records.variable(later, "paid")).isEqualTo("7");
  }

  @Test
  void correlateModeAnswersTheInstanceThatReceivedTheMessage() {
    final String message = "payment-" + processId();
    final String receiver = deployReceiver(message);
    final long waiting = start(client, receiver, Map.of("orderId", "o-3"));
    final String sender = processId();
    deployXml(client, sender + ".bpmn", sender(sender, message, "correlate", ""));

    final long sending = start(client, sender, Map.of("orderId", "o-3", "amount", 5));

    records.awaitCompleted(sending);
    records.awaitCompleted(waiting);
    assertThat(records.variable(sending, "sent"))
        .contains("\"processInstanceKey\": " + waiting)
        .contains("\"messageKey\"");
  }

  @Test
  void correlatingAMessageNothingWaitsForEndsInAnIncidentNamingNotFound() {
    final String message = "payment-" + processId();
    final String sender = processId();
    deployXml(client, sender + ".bpmn", sender(sender, message, "correlate", ""));

    final long sending = start(client, sender, Map.of("orderId", "o-4", "amount", 5));

    final List<EngineRecords.Incident> incidents = awaitIncidents(sending);
    assertThat(incidents.get(0).elementId()).isEqualTo("notifyPayment");
    assertThat(incidents.get(0).errorMessage()).contains("404 Not found").contains(message);
  }

  @Test
  void aResultExpressionHeaderIsRefusedWithAnIncidentRatherThanIgnored() {
    final String message = "payment-" + processId();
    final String sender = processId();
    deployXml(
        client,
        sender + ".bpmn",
        sender(
            sender,
            message,
            "publish",
            "<zeebe:header key=\"resultExpression\" value=\"={key: messageKey}\" />"));

    final long sending = start(client, sender, Map.of("orderId", "o-5", "amount", 5));

    assertThat(awaitIncidents(sending).get(0).errorMessage()).contains("resultExpression");
  }

  private List<EngineRecords.Incident> awaitIncidents(final long instance) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !records.incidents(instance).isEmpty());
    return records.incidents(instance);
  }
}
