package io.flowdesk.app.diagram;

import static io.flowdesk.app.diagram.SemanticElement.BPMN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a parsed BPMN file into a {@link DiagramModel}. */
final class BpmnModelReader {

  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

  private BpmnModelReader() {}

  static DiagramModel read(final XmlElement definitions) {
    if (!definitions.is(BPMN, "definitions")) {
      throw new InvalidDiagramException(
          "Not a BPMN file: expected a BPMN 'definitions' root element but found '"
              + describe(definitions)
              + "'");
    }
    final Map<String, SemanticElement> elements = new LinkedHashMap<>();
    collect(definitions, null, elements);
    final Optional<XmlElement> plane =
        definitions
            .children(BPMNDI, "BPMNDiagram")
            .flatMap(diagram -> diagram.children(BPMNDI, "BPMNPlane"))
            .findFirst();
    final List<Shape> shapes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    plane.ifPresent(p -> readPlane(p, elements, shapes, edges));
    return new DiagramModel(title(plane, elements), elements, shapes, edges);
  }

  private static void collect(
      final XmlElement element, final String parentId, final Map<String, SemanticElement> into) {
    for (final XmlElement child : element.children()) {
      if (!child.namespace().equals(BPMN) || "extensionElements".equals(child.localName())) {
        continue;
      }
      final String id = child.attribute("id");
      String childParent = parentId;
      if (id != null && !id.isBlank()) {
        into.putIfAbsent(id, new SemanticElement(id, child.localName(), parentId, child));
        childParent = id;
      }
      collect(child, childParent, into);
    }
  }

  private static void readPlane(
      final XmlElement plane,
      final Map<String, SemanticElement> elements,
      final List<Shape> shapes,
      final List<Edge> edges) {
    for (final XmlElement item : plane.children()) {
      final SemanticElement element = elements.get(String.valueOf(item.attribute("bpmnElement")));
      if (element == null) {
        // DI for an element the model does not have: nothing meaningful to draw or highlight.
        continue;
      }
      if (item.is(BPMNDI, "BPMNShape")) {
        final Optional<XmlElement> bounds = item.child(DC, "Bounds");
        if (bounds.isPresent()) {
          shapes.add(
              new Shape(
                  element,
                  bounds(bounds.get(), element.id()),
                  label(item, element.id()),
                  expanded(item, element, elements, plane),
                  !"false".equals(item.attribute("isHorizontal"))));
        }
      } else if (item.is(BPMNDI, "BPMNEdge")) {
        final List<Point> waypoints =
            item.children(DI, "waypoint")
                .map(
                    point ->
                        new Point(
                            number(point, "x", element.id()), number(point, "y", element.id())))
                .toList();
        if (waypoints.size() >= 2) {
          edges.add(new Edge(element, waypoints, label(item, element.id())));
        }
      }
    }
  }

  private static boolean expanded(
      final XmlElement shape,
      final SemanticElement element,
      final Map<String, SemanticElement> elements,
      final XmlElement plane) {
    if (shape.attribute("isExpanded") != null) {
      return Boolean.parseBoolean(shape.attribute("isExpanded").trim());
    }
    // Without the flag, a sub-process whose children are laid out on this plane is open.
    return plane
        .children(BPMNDI, "BPMNShape")
        .map(child -> elements.get(String.valueOf(child.attribute("bpmnElement"))))
        .anyMatch(child -> child != null && element.id().equals(child.parentId()));
  }

  private static Bounds label(final XmlElement item, final String elementId) {
    return item.child(BPMNDI, "BPMNLabel")
        .flatMap(label -> label.child(DC, "Bounds"))
        .map(bounds -> bounds(bounds, elementId))
        .orElse(null);
  }

  private static Bounds bounds(final XmlElement bounds, final String elementId) {
    return new Bounds(
        number(bounds, "x", elementId),
        number(bounds, "y", elementId),
        Math.max(0, number(bounds, "width", elementId)),
        Math.max(0, number(bounds, "height", elementId)));
  }

  private static double number(final XmlElement element, final String name, final String owner) {
    final String value = element.attribute(name);
    try {
      final double number = Double.parseDouble(String.valueOf(value).trim());
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (final NumberFormatException e) {
      // reported below, with the element named
    }
    throw new InvalidDiagramException(
        "BPMN diagram information for '%s' has %s '%s' in %s, which is not a finite number"
            .formatted(owner, name, value, element.localName()));
  }

  private static String title(
      final Optional<XmlElement> plane, final Map<String, SemanticElement> elements) {
    return plane
        .map(p -> elements.get(String.valueOf(p.attribute("bpmnElement"))))
        .map(element -> element.name().isBlank() ? element.id() : element.name())
        .orElse("");
  }

  private static String describe(final XmlElement element) {
    return element.namespace().isEmpty()
        ? element.localName()
        : "{" + element.namespace() + "}" + element.localName();
  }
}
