package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the engine cannot run yet is refused at deployment, every such element named with what it
 * is, all at once, and nothing is deployed (engine/README.md lists them in the coverage table).
 */
@FlowdeskEngineTest
class UnsupportedElementsConformanceTest {

  CamundaClient client;

  @Test
  void everyElementTheEngineCannotRunIsNamedWithWhatItIs() {
    final String id = processId();
    final String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="untilReady">
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:conditionalEventDefinition>
                <bpmn:condition xsi:type="bpmn:tFormalExpression"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=ready</bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:complexGateway id="retryLoop">
              <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
            </bpmn:complexGateway>
            <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="untilReady" />
            <bpmn:sequenceFlow id="f2" sourceRef="untilReady" targetRef="retryLoop" />
            <bpmn:sequenceFlow id="f3" sourceRef="retryLoop" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);

    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, StandardCharsets.UTF_8, id + ".bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("Element: untilReady")
        .hasMessageContaining("conditional intermediate catch events")
        .hasMessageContaining("Element: retryLoop")
        .hasMessageContaining("complex gateways");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void standardLoopsAreRefusedNamingTheActivityAndSuggestingMultiInstance() {
    final String id = processId();
    final String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="pollTicket">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="poll" />
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:standardLoopCharacteristics />
            </bpmn:serviceTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pollTicket" />
            <bpmn:sequenceFlow id="f2" sourceRef="pollTicket" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);

    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, StandardCharsets.UTF_8, id + ".bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("Element: pollTicket")
        .hasMessageContaining("standard loops")
        .hasMessageContaining("multi-instance");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }
}
