package io.flowdesk.app;

import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Catalog items deployed as an analyst does from Modeler: the form, then the diagram. */
public final class CatalogDeployments {

  private CatalogDeployments() {}

  /** A start form with a required "model" and an optional "reason", deployed on its own. */
  public static void deployForm(final CamundaClient client, final String formId) {
    final String form =
        """
        {
          "components": [
            {"label": "Model", "type": "textfield", "id": "Field_model", "key": "model",
             "validate": {"required": true}},
            {"label": "Reason", "type": "textarea", "id": "Field_reason", "key": "reason"}
          ],
          "type": "default",
          "id": "%s",
          "executionPlatform": "Camunda Cloud",
          "executionPlatformVersion": "8.8.0",
          "schemaVersion": 19
        }
        """
            .formatted(formId);
    client
        .newDeployResourceCommand()
        .addResourceString(form, StandardCharsets.UTF_8, formId + ".form")
        .send()
        .join();
  }

  /**
   * A process whose none start event links {@code formId}, with these extension properties; its
   * task (for a group nobody is in, so no inbox of the shared context shows it) keeps instances
   * open for their variables to be read.
   */
  public static void deployProcess(
      final CamundaClient client,
      final String id,
      final String name,
      final String formId,
      final Map<String, String> properties) {
    final String props =
        properties.entrySet().stream()
            .map(
                property ->
                    "        <zeebe:property name=\"%s\" value=\"%s\" />"
                        .formatted(property.getKey(), property.getValue()))
            .collect(Collectors.joining("\n"));
    final String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="test">
          <bpmn:process id="%s" name="%s" isExecutable="true">
            <bpmn:extensionElements>
              <zeebe:properties>
        %s
              </zeebe:properties>
            </bpmn:extensionElements>
            <bpmn:startEvent id="ordered">
              <bpmn:extensionElements>
                <zeebe:formDefinition formId="%s" />
              </bpmn:extensionElements>
              <bpmn:outgoing>toWork</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="fulfil" name="Fulfil">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="catalog-test-fulfilment" />
              </bpmn:extensionElements>
              <bpmn:incoming>toWork</bpmn:incoming>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="toWork" sourceRef="ordered" targetRef="fulfil" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id, name, props, formId);
    client
        .newDeployResourceCommand()
        .addResourceString(bpmn, StandardCharsets.UTF_8, id + ".bpmn")
        .send()
        .join();
  }
}
