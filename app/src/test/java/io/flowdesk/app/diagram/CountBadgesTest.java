package io.flowdesk.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CountBadgesTest {

  private static final BpmnDiagram DIAGRAM =
      BpmnDiagram.parse(
          Bpmn.convertToString(
              Bpmn.createExecutableProcess("badges")
                  .startEvent("start")
                  .serviceTask("work", t -> t.zeebeJobType("work").name("Do <the> work"))
                  .endEvent("end")
                  .done()));

  @Test
  void badgesShowTheNonZeroCountsOfDrawnElementsInOrderActiveIncidentsCompleted() {
    final SvgDocument svg =
        SvgDocument.parse(
            DIAGRAM.toSvgWithCounts(
                Map.of(
                    "work", new ElementCounts(3, 1, 12),
                    "start", new ElementCounts(0, 0, 16),
                    "end", new ElementCounts(0, 0, 0),
                    "notDrawn", new ElementCounts(5, 5, 5))));

    assertThat(badges(svg, "work")).containsExactly("active 3", "incidents 1", "completed 12");
    assertThat(badges(svg, "start")).containsExactly("completed 16");
    assertThat(badges(svg, "end")).isEmpty();
    assertThat(badges(svg, "notDrawn")).isEmpty();
    assertThat(svg.element("work").getAttribute("class"))
        .isEqualTo("bpmn-element bpmn-serviceTask");
  }

  @Test
  void withoutCountsTheDrawingIsTheModelledOne() {
    assertThat(DIAGRAM.toSvgWithCounts(Map.of())).isEqualTo(DIAGRAM.toSvg());
  }

  @Test
  void anElementsNameIsReadFromTheFile() {
    assertThat(DIAGRAM.nameOf("work")).isEqualTo("Do <the> work");
    assertThat(DIAGRAM.nameOf("unknown")).isEmpty();
  }

  /** "kind count" of each badge drawn for {@code elementId}, in drawing order. */
  private static List<String> badges(final SvgDocument svg, final String elementId) {
    final List<String> found = new ArrayList<>();
    final NodeList groups = svg.root().getElementsByTagNameNS("*", "g");
    for (int i = 0; i < groups.getLength(); i++) {
      final Element g = (Element) groups.item(i);
      if (elementId.equals(g.getAttribute("data-badge-for"))) {
        final String kind = g.getAttribute("class").replace("bpmn-badge bpmn-badge-", "");
        final String count = g.getElementsByTagNameNS("*", "text").item(0).getTextContent();
        final String title = g.getElementsByTagNameNS("*", "title").item(0).getTextContent();
        assertThat(title).isEqualTo(count + " " + kind);
        found.add(kind + " " + count);
      }
    }
    return found;
  }
}
