package io.flowdesk.app.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogDeclarationTest {

  private static final String HEAD =
      "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
          + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">";

  @Test
  void readsTheProcessPropertiesAndTheFormOfItsNoneStartEvent() {
    final String xml =
        HEAD
            + """
            <bpmn:process id="laptop" name="New laptop">
              <bpmn:extensionElements>
                <zeebe:properties>
                  <zeebe:property name="catalog.category" value="Hardware" />
                  <zeebe:property name="catalog.audience" value="MANAGER, service-desk" />
                </zeebe:properties>
              </bpmn:extensionElements>
              <bpmn:startEvent id="timer">
                <bpmn:extensionElements><zeebe:formDefinition formId="not-this" /></bpmn:extensionElements>
                <bpmn:timerEventDefinition />
              </bpmn:startEvent>
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="inner">
                  <bpmn:extensionElements><zeebe:formDefinition formId="nor-this" /></bpmn:extensionElements>
                </bpmn:startEvent>
              </bpmn:subProcess>
              <bpmn:startEvent id="none">
                <bpmn:extensionElements><zeebe:formDefinition formId="laptop-form" /></bpmn:extensionElements>
              </bpmn:startEvent>
            </bpmn:process>
            </bpmn:definitions>
            """;

    final CatalogDeclaration declaration = CatalogDeclaration.read(xml, "laptop");

    assertThat(declaration.properties())
        .containsExactly(
            java.util.Map.entry("catalog.category", "Hardware"),
            java.util.Map.entry("catalog.audience", "MANAGER, service-desk"));
    assertThat(declaration.startFormId()).isEqualTo("laptop-form");
  }

  @Test
  void onlyTheNamedProcessOfACollaborationCounts() {
    final String xml =
        HEAD
            + """
            <bpmn:process id="other">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="catalog.category" value="Wrong" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:startEvent id="s1">
                <bpmn:extensionElements><zeebe:formDefinition formId="wrong" /></bpmn:extensionElements>
              </bpmn:startEvent>
            </bpmn:process>
            <bpmn:process id="mine"><bpmn:startEvent id="s2" /></bpmn:process>
            </bpmn:definitions>
            """;

    final CatalogDeclaration declaration = CatalogDeclaration.read(xml, "mine");

    assertThat(declaration.properties()).isEmpty();
    assertThat(declaration.startFormId()).isNull();
  }

  @Test
  void aDoctypeIsRefusedSoNoEntityIsEverResolved() throws Exception {
    final Path secret = Files.createTempFile("secret", ".txt");
    Files.writeString(secret, "top secret");
    final String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + HEAD
            + "<bpmn:process id=\"p\"><bpmn:extensionElements><zeebe:properties>"
            + "<zeebe:property name=\"catalog.description\" value=\"&x;\" />"
            + "</zeebe:properties></bpmn:extensionElements></bpmn:process></bpmn:definitions>";

    assertThatThrownBy(() -> CatalogDeclaration.read(xml, "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the BPMN XML cannot be read")
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("top secret");
  }

  @Test
  void aMissingProcessIsNamed() {
    assertThatThrownBy(
            () ->
                CatalogDeclaration.read(HEAD + "<bpmn:process id=\"a\" /></bpmn:definitions>", "b"))
        .hasMessage("the BPMN XML holds no process b");
  }
}
