package io.flowdesk.workers.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged processes open laid out in Camunda Modeler: every element drawn, flows attached. */
class ProcessDiagramTest {

  static Stream<Path> processes() throws IOException {
    final Path directory = Path.of(System.getProperty("flowdesk.processes", "../processes"));
    // Subfolders too: the service catalog's items live in processes/catalog/.
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyElementHasAShapeAndEveryFlowAnEdgeFromItsSourceToItsTarget(final Path file) {
    final BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    final Map<String, Bounds> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .collect(Collectors.toMap(s -> s.getBpmnElement().getId(), BpmnShape::getBounds));
    final Map<String, BpmnEdge> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), Function.identity()));

    assertThat(shapes.keySet())
        .containsAll(
            model.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList());
    for (final SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edges).as("edge of %s", flow.getId()).containsKey(flow.getId());
      final List<Waypoint> points = List.copyOf(edges.get(flow.getId()).getWaypoints());
      assertThat(points).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(touches(shapes.get(flow.getSource().getId()), points.get(0)))
          .as("%s starts at %s", flow.getId(), flow.getSource().getId())
          .isTrue();
      assertThat(touches(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1)))
          .as("%s ends at %s", flow.getId(), flow.getTarget().getId())
          .isTrue();
    }
  }

  private static boolean touches(final Bounds bounds, final Waypoint point) {
    return point.getX() >= bounds.getX() - 1
        && point.getX() <= bounds.getX() + bounds.getWidth() + 1
        && point.getY() >= bounds.getY() - 1
        && point.getY() <= bounds.getY() + bounds.getHeight() + 1;
  }
}
