package io.flowdesk.app.diagram;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link DiagramModel} as one {@code <svg>} element: pools, lanes and expanded
 * sub-processes first (outermost first), then flows, then the other shapes, boundary events on top
 * of their hosts, groups last as they are only frames. Every element is a {@code <g>} carrying its
 * {@code data-element-id} and classes naming its type and highlight state.
 */
final class SvgRenderer {

  private static final double MARGIN = 20;
  private static final String FONT = "Arial, Helvetica, sans-serif";

  private SvgRenderer() {}

  static String render(final DiagramModel model, final DiagramHighlight highlight) {
    return render(model, highlight, Map.of());
  }

  /** The drawing with {@link CountBadges} on top of everything else. */
  static String render(
      final DiagramModel model,
      final DiagramHighlight highlight,
      final Map<String, ElementCounts> counts) {
    if (model.isEmpty()) {
      return noDiagram();
    }
    final Map<String, Paint> paints = paints(model, highlight);
    final Bounds extent = extent(model);
    final SvgWriter svg = new SvgWriter();
    svg.open(
        "svg",
        "xmlns",
        "http://www.w3.org/2000/svg",
        "class",
        "bpmn-diagram",
        "viewBox",
        SvgWriter.number(extent.x())
            + " "
            + SvgWriter.number(extent.y())
            + " "
            + SvgWriter.number(extent.width())
            + " "
            + SvgWriter.number(extent.height()),
        "width",
        extent.width(),
        "height",
        extent.height(),
        "role",
        "img",
        "aria-label",
        model.title().isBlank() ? "BPMN diagram" : "BPMN diagram: " + model.title(),
        "font-family",
        FONT,
        "font-size",
        TextLayout.FONT_SIZE);
    final List<Shape> shapes = model.shapes();
    shapes.stream()
        .filter(SvgRenderer::isFrame)
        .sorted(Comparator.comparingDouble((Shape s) -> -s.bounds().width() * s.bounds().height()))
        .forEach(shape -> shape(svg, shape, paints));
    for (final Edge edge : model.edges()) {
      open(svg, edge.element(), paints);
      EdgePainter.paint(svg, edge, paint(edge.element(), paints), model.elements());
      svg.close("g");
    }
    shapes.stream()
        .filter(shape -> !isFrame(shape) && !isOnTop(shape))
        .forEach(shape -> shape(svg, shape, paints));
    shapes.stream().filter(SvgRenderer::isOnTop).forEach(shape -> shape(svg, shape, paints));
    CountBadges.paint(svg, model, counts);
    return svg.close("svg").toString();
  }

  private static String noDiagram() {
    return new SvgWriter()
        .open(
            "svg",
            "xmlns",
            "http://www.w3.org/2000/svg",
            "class",
            "bpmn-diagram bpmn-no-diagram",
            "viewBox",
            "0 0 260 40",
            "width",
            260,
            "height",
            40,
            "role",
            "img",
            "aria-label",
            "No diagram information",
            "font-family",
            FONT,
            "font-size",
            TextLayout.FONT_SIZE)
        .empty(
            "rect",
            "x",
            0.5,
            "y",
            0.5,
            "width",
            259,
            "height",
            39,
            "fill",
            Paint.PAPER,
            "stroke",
            "#adb5bd",
            "stroke-dasharray",
            "4 3")
        .element(
            "text",
            "No diagram information",
            "x",
            130,
            "y",
            24,
            "text-anchor",
            "middle",
            "fill",
            Paint.INK)
        .close("svg")
        .toString();
  }

  private static void shape(
      final SvgWriter svg, final Shape shape, final Map<String, Paint> paints) {
    open(svg, shape.element(), paints);
    ShapePainter.paint(svg, shape, paint(shape.element(), paints));
    svg.close("g");
  }

  private static void open(
      final SvgWriter svg, final SemanticElement element, final Map<String, Paint> paints) {
    final Paint paint = paint(element, paints);
    svg.open(
        "g",
        "data-element-id",
        element.id(),
        "class",
        "bpmn-element bpmn-"
            + element.type()
            + (paint.cssClass() == null ? "" : " " + paint.cssClass()));
    final String name = element.name().strip();
    if (!name.isEmpty()) {
      svg.element("title", name);
    }
  }

  private static Paint paint(final SemanticElement element, final Map<String, Paint> paints) {
    return paints.getOrDefault(element.id(), Paint.NORMAL);
  }

  /**
   * The paint of each highlighted element that is drawn. An active or incident element without a
   * shape of its own (inside a collapsed sub-process) lights up the nearest drawn element
   * containing it.
   */
  private static Map<String, Paint> paints(
      final DiagramModel model, final DiagramHighlight highlight) {
    final Set<String> drawn = new HashSet<>();
    model.shapes().forEach(shape -> drawn.add(shape.element().id()));
    model.edges().forEach(edge -> drawn.add(edge.element().id()));
    final Map<String, Paint> paints = new HashMap<>();
    for (final String id : highlight.completed()) {
      if (drawn.contains(id)) {
        paints.put(id, Paint.COMPLETED);
      }
    }
    markNearestDrawn(model, drawn, highlight.active(), Paint.ACTIVE, paints);
    markNearestDrawn(model, drawn, highlight.incidents(), Paint.INCIDENT, paints);
    return paints;
  }

  /**
   * Paints each element, or when it has no shape of its own the nearest drawn element containing
   * it; later calls overpaint earlier ones.
   */
  private static void markNearestDrawn(
      final DiagramModel model,
      final Set<String> drawn,
      final Set<String> ids,
      final Paint paint,
      final Map<String, Paint> paints) {
    for (final String id : ids) {
      String at = id;
      final Set<String> seen = new HashSet<>();
      while (at != null && !drawn.contains(at) && seen.add(at)) {
        final SemanticElement element = model.elements().get(at);
        at = element == null ? null : element.parentId();
      }
      if (at != null && drawn.contains(at)) {
        paints.put(at, paint);
      }
    }
  }

  private static boolean isFrame(final Shape shape) {
    final String type = shape.element().type();
    return "participant".equals(type)
        || "lane".equals(type)
        || (ShapePainter.SUB_PROCESSES.contains(type) && shape.expanded());
  }

  private static boolean isOnTop(final Shape shape) {
    final String type = shape.element().type();
    return "boundaryEvent".equals(type) || "group".equals(type);
  }

  private static Bounds extent(final DiagramModel model) {
    final double[] box = {
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (final Shape shape : model.shapes()) {
      include(box, shape.bounds());
      if (shape.label() != null) {
        include(box, shape.label());
      } else if (hasLabelBelow(shape)) {
        final int lines = TextLayout.wrap(shape.element().name(), 90, 4).size();
        final Bounds b = shape.bounds();
        include(
            box, new Bounds(b.centerX() - 45, b.bottom(), 90, 4 + lines * TextLayout.LINE_HEIGHT));
      }
    }
    for (final Edge edge : model.edges()) {
      edge.waypoints().forEach(point -> include(box, new Bounds(point.x(), point.y(), 0, 0)));
      if (edge.label() != null) {
        include(box, edge.label());
      }
    }
    return new Bounds(
        Math.floor(box[0] - MARGIN),
        Math.floor(box[1] - MARGIN),
        Math.ceil(box[2] - box[0] + 2 * MARGIN),
        Math.ceil(box[3] - box[1] + 2 * MARGIN));
  }

  private static boolean hasLabelBelow(final Shape shape) {
    final String type = shape.element().type();
    return !shape.element().name().isBlank()
        && (ShapePainter.EVENTS.contains(type)
            || ShapePainter.GATEWAYS.contains(type)
            || type.startsWith("data"));
  }

  private static void include(final double[] box, final Bounds bounds) {
    box[0] = Math.min(box[0], bounds.x());
    box[1] = Math.min(box[1], bounds.y());
    box[2] = Math.max(box[2], bounds.right());
    box[3] = Math.max(box[3], bounds.bottom());
  }
}
