package io.flowdesk.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BpmnDiagramTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";

  static Stream<Path> repositoryProcesses() throws IOException {
    final Path processes = Path.of("..", "processes").toAbsolutePath().normalize();
    final List<Path> files;
    try (Stream<Path> listing = Files.list(processes)) {
      files = listing.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(files).as("BPMN files in " + processes).isNotEmpty();
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("repositoryProcesses")
  void everyRepositoryProcessIsDrawnWithEachLaidOutFlowNodeAndFlow(final Path file)
      throws Exception {
    final byte[] xml = Files.readAllBytes(file);

    final SvgDocument svg = SvgDocument.parse(BpmnDiagram.parse(xml).toSvg());

    final DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    final Document bpmn = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
    final Set<String> laidOut = laidOutIds(bpmn);
    final List<String> flowNodes = semanticIds(bpmn, laidOut, false);
    final List<String> flows = semanticIds(bpmn, laidOut, true);
    assertThat(flowNodes).isNotEmpty();
    assertThat(svg.elementIds()).containsAll(flowNodes).containsAll(flows);
    for (final String flow : flows) {
      assertThat(svg.drawn(flow, "polyline")).as(flow).isNotEmpty();
      assertThat(svg.drawn(flow, "polygon")).as("arrowhead of " + flow).isNotEmpty();
    }
    assertThat(svg.root().getLocalName()).isEqualTo("svg");
    assertThat(svg.root().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
  }

  @Test
  void viewBoxEnclosesEveryShapeWithAMargin() {
    final SvgDocument svg = SvgDocument.parse(kitchenSink().toSvg());

    final double[] box = svg.viewBox();
    // Shapes span x 100..1400 and y 60..700 in the fixture; the margin is 20.
    assertThat(box[0]).isEqualTo(80);
    assertThat(box[1]).isEqualTo(40);
    assertThat(box[0] + box[2]).isEqualTo(1420);
    assertThat(box[1] + box[3]).isEqualTo(720);
    assertThat(svg.root().getAttribute("width")).isEqualTo("1340");
  }

  @Test
  void activeElementsGetTheActiveClassAndColourAndNoOtherElementDoes() {
    final BpmnDiagram diagram = kitchenSink();

    final SvgDocument svg =
        SvgDocument.parse(
            diagram.toSvg(
                DiagramHighlight.active(Set.of("work"))
                    .withCompleted(Set.of("reported", "toKnown", "known", "toWork"))));

    assertThat(svg.idsWithClass("active")).containsExactly("work");
    assertThat(svg.idsWithClass("completed"))
        .containsExactlyInAnyOrder("reported", "toKnown", "known", "toWork");
    assertThat(svg.classes("work")).contains("bpmn-element", "bpmn-userTask", "active");
    final Element outline = svg.drawn("work", "rect").get(0);
    assertThat(outline.getAttribute("stroke")).isEqualTo("#d9480f");
    assertThat(outline.getAttribute("fill")).isEqualTo("#fff4e6");
    assertThat(svg.drawn("lookup", "rect").get(0).getAttribute("stroke")).isEqualTo("#22242a");
    assertThat(svg.drawn("toWork", "polyline").get(0).getAttribute("stroke")).isEqualTo("#2b8a3e");
  }

  @Test
  void anElementBothActiveAndCompletedCountsAsActive() {
    final SvgDocument svg =
        SvgDocument.parse(
            kitchenSink().toSvg(new DiagramHighlight(Set.of("work"), Set.of("work", "reported"))));

    assertThat(svg.idsWithClass("active")).containsExactly("work");
    assertThat(svg.idsWithClass("completed")).containsExactly("reported");
  }

  @Test
  void anActiveElementInsideACollapsedSubProcessMarksTheSubProcess() {
    final BpmnDiagram diagram = kitchenSink();

    final SvgDocument svg =
        SvgDocument.parse(diagram.toSvg(DiagramHighlight.active(Set.of("hiddenStep"))));

    assertThat(diagram.drawnElementIds()).doesNotContain("hiddenStep");
    assertThat(svg.idsWithClass("active")).containsExactly("later");
    assertThat(svg.drawn("later", "g"))
        .anySatisfy(
            marker -> assertThat(marker.getAttribute("class")).contains("bpmn-marker-collapsed"));
  }

  @Test
  void anElementWithAnIncidentIsMarkedAsIncidentOverActive() {
    final SvgDocument svg =
        SvgDocument.parse(
            kitchenSink()
                .toSvg(
                    DiagramHighlight.active(Set.of("work", "lookup"))
                        .withCompleted(Set.of("reported"))
                        .withIncidents(Set.of("work", "hiddenStep"))));

    assertThat(svg.idsWithClass("incident")).containsExactlyInAnyOrder("work", "later");
    assertThat(svg.idsWithClass("active")).containsExactly("lookup");
    assertThat(svg.idsWithClass("completed")).containsExactly("reported");
    final Element outline = svg.drawn("work", "rect").get(0);
    assertThat(outline.getAttribute("stroke")).isEqualTo("#c92a2a");
    assertThat(outline.getAttribute("fill")).isEqualTo("#fff5f5");
  }

  @Test
  void unknownHighlightIdsAreIgnored() {
    final SvgDocument svg =
        SvgDocument.parse(
            kitchenSink()
                .toSvg(new DiagramHighlight(Set.of("no-such-element"), Set.of("neither"))));

    assertThat(svg.idsWithClass("active")).isEmpty();
    assertThat(svg.idsWithClass("completed")).isEmpty();
  }

  @Test
  void everyKindOfShapeIsDrawnWithItsTypeAndName() {
    final SvgDocument svg = SvgDocument.parse(kitchenSink().toSvg());

    assertThat(svg.classes("desk")).contains("bpmn-participant");
    assertThat(svg.text("desk")).isEqualTo("Service desk");
    assertThat(svg.text("agents")).isEqualTo("Agents");
    assertThat(svg.text("work")).isEqualTo("Work on it");
    assertThat(svg.text("call")).isEqualTo("Call another process");
    assertThat(svg.text("note")).isEqualTo("Agents answer within the SLA");
    assertThat(svg.text("toWork")).isEqualTo("no");
    for (final String task :
        List.of("work", "lookup", "send", "receive", "script", "rule", "manual")) {
      assertThat(svg.drawn(task, "g"))
          .as("task type symbol of " + task)
          .anySatisfy(g -> assertThat(g.getAttribute("class")).isEqualTo("bpmn-glyph"));
    }
    assertThat(svg.drawn("lookup", "g"))
        .anySatisfy(g -> assertThat(g.getAttribute("class")).contains("bpmn-marker-sequential"));
    for (final String gateway : List.of("known", "fork", "inclusive", "race", "complex")) {
      assertThat(svg.drawn(gateway, "polygon")).as(gateway).isNotEmpty();
    }
    // The one element type the renderer does not know is a plain rectangle with its name.
    assertThat(svg.classes("exotic")).contains("bpmn-choreographyTask");
    assertThat(svg.drawn("exotic", "rect")).hasSize(1);
    assertThat(svg.drawn("exotic", "rect").get(0).hasAttribute("rx")).isFalse();
    assertThat(svg.text("exotic")).isEqualTo("Exotic element");
  }

  @Test
  void eventOutlinesShowStartIntermediateEndAndNonInterruptingEvents() {
    final SvgDocument svg = SvgDocument.parse(kitchenSink().toSvg());

    assertThat(svg.drawn("reported", "circle").get(0).getAttribute("stroke-width")).isEqualTo("2");
    assertThat(svg.drawn("done", "circle").get(0).getAttribute("stroke-width")).isEqualTo("4");
    assertThat(svg.drawn("waitConfirm", "circle").subList(0, 2))
        .as("an intermediate event has a double ring")
        .allSatisfy(ring -> assertThat(ring.getAttribute("stroke-width")).isEqualTo("1.5"));
    assertThat(svg.drawn("slaReminder", "circle").get(0).getAttribute("stroke-dasharray"))
        .isNotEmpty();
    assertThat(svg.drawn("cancelled", "circle").get(0).getAttribute("stroke-dasharray"))
        .isNotEmpty();
    assertThat(svg.drawn("work", "rect").get(0).hasAttribute("stroke-dasharray")).isFalse();
    assertThat(svg.drawn("onCancel", "rect").get(0).getAttribute("stroke-dasharray"))
        .as("an event sub-process is dotted")
        .isNotEmpty();
    assertThat(svg.drawn("call", "rect").get(0).getAttribute("stroke-width")).isEqualTo("4");
    assertThat(svg.text("slaReminder")).isEqualTo("SLA reminder");
  }

  @Test
  void boundaryEventsAreDrawnAfterTheirHost() {
    final String svg = kitchenSink().toSvg();

    assertThat(svg.indexOf("data-element-id=\"slaReminder\""))
        .isGreaterThan(svg.indexOf("data-element-id=\"work\""));
  }

  @Test
  void flowsShowDefaultConditionalMessageAndAssociationStyles() {
    final SvgDocument svg = SvgDocument.parse(kitchenSink().toSvg());

    assertThat(svg.drawn("toWork", "line"))
        .singleElement()
        .satisfies(slash -> assertThat(slash.getAttribute("class")).isEqualTo("bpmn-default-flow"));
    assertThat(svg.drawn("toWait", "polygon"))
        .anySatisfy(d -> assertThat(d.getAttribute("class")).isEqualTo("bpmn-conditional-flow"));
    assertThat(svg.drawn("toLookup", "polygon"))
        .as("a condition after a gateway needs no diamond")
        .noneSatisfy(d -> assertThat(d.getAttribute("class")).isEqualTo("bpmn-conditional-flow"));
    assertThat(svg.drawn("confirms", "polyline").get(0).getAttribute("stroke-dasharray"))
        .isNotEmpty();
    assertThat(svg.drawn("confirms", "circle")).hasSize(1);
    assertThat(svg.drawn("noteLink", "polyline").get(0).getAttribute("stroke-dasharray"))
        .isNotEmpty();
    assertThat(svg.drawn("noteLink", "polygon")).isEmpty();
    assertThat(svg.drawn("toInspect", "polyline")).hasSize(1);
  }

  @Test
  void elementsWithoutDiagramInformationAreLeftOut() {
    final BpmnDiagram diagram = kitchenSink();

    assertThat(diagram.drawnElementIds())
        .contains("work", "toWork", "inspect")
        .doesNotContain("noDi", "hiddenStep", "kitchen-sink", "confirmation");
    assertThat(SvgDocument.parse(diagram.toSvg()).elementIds())
        .containsExactlyInAnyOrderElementsOf(diagram.drawnElementIds());
  }

  @Test
  void aFileWithoutDiagramInformationGivesANoDiagramPicture() {
    final BpmnDiagram diagram =
        BpmnDiagram.parse(
            "<definitions xmlns='"
                + BPMN
                + "' id='d'><process id='p'>"
                + "<startEvent id='s'/><endEvent id='e'/>"
                + "<sequenceFlow id='f' sourceRef='s' targetRef='e'/></process></definitions>");

    final SvgDocument svg = SvgDocument.parse(diagram.toSvg(DiagramHighlight.active(Set.of("s"))));

    assertThat(diagram.hasLayout()).isFalse();
    assertThat(svg.elementIds()).isEmpty();
    assertThat(svg.root().getAttribute("class")).contains("bpmn-no-diagram");
    assertThat(svg.root().getTextContent()).isEqualTo("No diagram information");
  }

  @Test
  void aDiagramFromTheZeebeModelBuilderIsDrawnFromItsGeneratedLayout() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("built")
            .name("Built in code")
            .startEvent("start")
            .name("Start")
            .exclusiveGateway("choose")
            .defaultFlow()
            .userTask("approve")
            .name("Approve request")
            .endEvent("approved")
            .moveToLastGateway()
            .conditionExpression("=rejected")
            .serviceTask("reject", task -> task.zeebeJobType("reject"))
            .endEvent("rejected")
            .done();
    final BpmnDiagram diagram = BpmnDiagram.parse(Bpmn.convertToString(model));

    final SvgDocument svg =
        SvgDocument.parse(
            diagram.toSvg(
                DiagramHighlight.active(Set.of("approve")).withCompleted(Set.of("start"))));

    final List<String> flowNodes =
        model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
    final List<String> flows =
        model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId).toList();
    assertThat(flowNodes).hasSize(6);
    assertThat(svg.elementIds()).containsAll(flowNodes).containsAll(flows);
    assertThat(svg.idsWithClass("active")).containsExactly("approve");
    assertThat(svg.idsWithClass("completed")).containsExactly("start");
    assertThat(svg.text("approve")).isEqualTo("Approve request");
    assertThat(svg.root().getAttribute("aria-label")).isEqualTo("BPMN diagram: Built in code");
  }

  @Test
  void longNamesAreWrappedInsideTheTask() {
    final String name = "Ask the caller whether the workaround restored the service for everyone";

    final SvgDocument svg =
        SvgDocument.parse(
            BpmnDiagram.parse(oneTask("<task id='t' name='" + name + "'/>", "t", 100, 160))
                .toSvg());

    final List<String> lines =
        svg.drawn("t", "tspan").stream().map(Element::getTextContent).toList();
    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(16));
    assertThat(String.join(" ", lines)).isEqualTo(name);
  }

  @Test
  void namesTooLongForTheTaskEndWithAnEllipsis() {
    final String name = "word ".repeat(60).strip();

    final SvgDocument svg =
        SvgDocument.parse(
            BpmnDiagram.parse(oneTask("<task id='t' name='" + name + "'/>", "t", 100, 80)).toSvg());

    final List<String> lines =
        svg.drawn("t", "tspan").stream().map(Element::getTextContent).toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(4)).endsWith("\u2026");
    assertThat(svg.element("t").getElementsByTagNameNS("*", "title").item(0).getTextContent())
        .as("the tooltip has the whole name")
        .isEqualTo(name);
  }

  static BpmnDiagram kitchenSink() {
    try (InputStream in = BpmnDiagramTest.class.getResourceAsStream("/diagram/kitchen-sink.bpmn")) {
      return BpmnDiagram.parse(in.readAllBytes());
    } catch (final IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A process with one element laid out at 100,100 in the given size. */
  static String oneTask(final String element, final String id, final int width, final int height) {
    return "<definitions xmlns='"
        + BPMN
        + "' xmlns:bpmndi='"
        + BPMNDI
        + "'"
        + " xmlns:dc='http://www.omg.org/spec/DD/20100524/DC' id='d'>"
        + "<process id='p'>"
        + element
        + "</process>"
        + "<bpmndi:BPMNDiagram id='dia'><bpmndi:BPMNPlane id='pl' bpmnElement='p'>"
        + "<bpmndi:BPMNShape id='s1' bpmnElement='"
        + id
        + "'>"
        + "<dc:Bounds x='100' y='100' width='"
        + width
        + "' height='"
        + height
        + "'/>"
        + "</bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
  }

  private static Set<String> laidOutIds(final Document bpmn) {
    final Set<String> ids = new java.util.HashSet<>();
    for (final String tag : List.of("BPMNShape", "BPMNEdge")) {
      final NodeList items = bpmn.getElementsByTagNameNS(BPMNDI, tag);
      for (int i = 0; i < items.getLength(); i++) {
        ids.add(((Element) items.item(i)).getAttribute("bpmnElement"));
      }
    }
    return ids;
  }

  /** Ids of laid-out flow nodes (events, activities, gateways) or of laid-out sequence flows. */
  private static List<String> semanticIds(
      final Document bpmn, final Set<String> laidOut, final boolean sequenceFlows) {
    final NodeList all = bpmn.getElementsByTagNameNS(BPMN, "*");
    final List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      final Element element = (Element) all.item(i);
      final String type = element.getLocalName();
      final boolean flowNode =
          type.endsWith("Event")
              || type.endsWith("Task")
              || type.endsWith("Gateway")
              || type.equals("task")
              || type.equals("subProcess")
              || type.equals("callActivity");
      final boolean wanted = sequenceFlows ? type.equals("sequenceFlow") : flowNode;
      if (wanted && laidOut.contains(element.getAttribute("id"))) {
        ids.add(element.getAttribute("id"));
      }
    }
    return ids;
  }
}
