package io.flowdesk.app.diagram;

import java.util.List;

/**
 * A {@code bpmndi:BPMNEdge}: the route of a flow or association.
 *
 * @param element the flow drawn
 * @param waypoints its route, at least two points
 * @param label where its label goes, or null when DI does not say
 */
record Edge(SemanticElement element, List<Point> waypoints, Bounds label) {

  Edge {
    waypoints = List.copyOf(waypoints);
  }
}
