package io.flowdesk.app.diagram;

import java.util.List;
import java.util.Map;

/**
 * What a BPMN file says about drawing it: its elements by id, and the shapes and edges of its first
 * diagram plane (the one Camunda Modeler shows first) in document order.
 */
record DiagramModel(
    String title, Map<String, SemanticElement> elements, List<Shape> shapes, List<Edge> edges) {

  DiagramModel {
    elements = Map.copyOf(elements);
    shapes = List.copyOf(shapes);
    edges = List.copyOf(edges);
  }

  boolean isEmpty() {
    return shapes.isEmpty() && edges.isEmpty();
  }
}
