package io.flowdesk.app.diagram;

import java.util.List;
import java.util.Map;

/**
 * Draws one flow as a polyline with its end decorations: sequence flows solid with a filled
 * arrowhead (a slash at the start of a gateway's default flow, a small diamond at the start of a
 * conditional flow leaving an activity), message flows dashed from a small circle to an open
 * arrowhead, associations dotted. Arrowheads are polygons of their own rather than SVG markers, so
 * they take the flow's highlight colour and no ids can clash when a page shows several diagrams.
 */
final class EdgePainter {

  private static final double ARROW_LENGTH = 11;
  private static final double ARROW_HALF_WIDTH = 4;

  private EdgePainter() {}

  static void paint(
      final SvgWriter svg,
      final Edge edge,
      final Paint paint,
      final Map<String, SemanticElement> elements) {
    final SemanticElement flow = edge.element();
    final List<Point> route = edge.waypoints();
    final String type = flow.type();
    final boolean message = "messageFlow".equals(type);
    final boolean association = type.endsWith("ssociation");
    final String dash = message ? "10 6" : association ? "2 4" : null;
    final StringBuilder points = new StringBuilder();
    for (final Point point : route) {
      if (!points.isEmpty()) {
        points.append(' ');
      }
      points.append(SvgWriter.number(point.x())).append(',').append(SvgWriter.number(point.y()));
    }
    svg.empty(
        "polyline",
        "points",
        points.toString(),
        "fill",
        "none",
        "stroke",
        paint.stroke(),
        "stroke-width",
        paint.width(association ? 1 : 1.5),
        "stroke-dasharray",
        dash,
        "stroke-linejoin",
        "round");
    final Point end = route.get(route.size() - 1);
    final Point beforeEnd = before(route, route.size() - 1, -1);
    if ("sequenceFlow".equals(type)) {
      arrow(svg, beforeEnd, end, paint.stroke(), paint.stroke());
      startDecoration(svg, flow, route, paint, elements);
    } else if (message) {
      final Point start = route.get(0);
      svg.empty(
          "circle",
          "cx",
          start.x(),
          "cy",
          start.y(),
          "r",
          4,
          "fill",
          Paint.PAPER,
          "stroke",
          paint.stroke(),
          "stroke-width",
          paint.width(1.5));
      arrow(svg, beforeEnd, end, paint.stroke(), Paint.PAPER);
    } else if (type.startsWith("data")
        || "One".equals(flow.attribute("associationDirection"))
        || "Both".equals(flow.attribute("associationDirection"))) {
      openArrow(svg, beforeEnd, end, paint);
      if ("Both".equals(flow.attribute("associationDirection"))) {
        openArrow(svg, before(route, 0, 1), route.get(0), paint);
      }
    }
    Labels.onEdge(svg, edge.label(), route, flow.name());
  }

  private static void startDecoration(
      final SvgWriter svg,
      final SemanticElement flow,
      final List<Point> route,
      final Paint paint,
      final Map<String, SemanticElement> elements) {
    final SemanticElement source = elements.get(String.valueOf(flow.attribute("sourceRef")));
    if (source == null) {
      return;
    }
    final Point start = route.get(0);
    final Point next = before(route, 0, 1);
    final double[] u = unit(start, next);
    if (flow.id().equals(source.attribute("default"))) {
      // The slash crosses the flow 10px from its source, at 45 degrees to it.
      final double cx = start.x() + u[0] * 10;
      final double cy = start.y() + u[1] * 10;
      final double dx = (u[0] - u[1]) * 5;
      final double dy = (u[1] + u[0]) * 5;
      svg.empty(
          "line",
          "x1",
          cx - dx,
          "y1",
          cy - dy,
          "x2",
          cx + dx,
          "y2",
          cy + dy,
          "stroke",
          paint.stroke(),
          "stroke-width",
          paint.width(1.5),
          "class",
          "bpmn-default-flow");
    } else if (flow.hasCondition()
        && (ShapePainter.TASKS.contains(source.type())
            || ShapePainter.SUB_PROCESSES.contains(source.type()))) {
      final double[] p = {-u[1], u[0]};
      svg.empty(
          "polygon",
          "points",
          pair(start.x(), start.y())
              + " "
              + pair(start.x() + u[0] * 7 + p[0] * 4, start.y() + u[1] * 7 + p[1] * 4)
              + " "
              + pair(start.x() + u[0] * 14, start.y() + u[1] * 14)
              + " "
              + pair(start.x() + u[0] * 7 - p[0] * 4, start.y() + u[1] * 7 - p[1] * 4),
          "fill",
          Paint.PAPER,
          "stroke",
          paint.stroke(),
          "stroke-width",
          paint.width(1),
          "class",
          "bpmn-conditional-flow");
    }
  }

  private static void arrow(
      final SvgWriter svg,
      final Point from,
      final Point tip,
      final String stroke,
      final String fill) {
    final double[] u = unit(from, tip);
    final double bx = tip.x() - u[0] * ARROW_LENGTH;
    final double by = tip.y() - u[1] * ARROW_LENGTH;
    svg.empty(
        "polygon",
        "points",
        pair(tip.x(), tip.y())
            + " "
            + pair(bx - u[1] * ARROW_HALF_WIDTH, by + u[0] * ARROW_HALF_WIDTH)
            + " "
            + pair(bx + u[1] * ARROW_HALF_WIDTH, by - u[0] * ARROW_HALF_WIDTH),
        "fill",
        fill,
        "stroke",
        stroke,
        "stroke-width",
        1,
        "stroke-linejoin",
        "round");
  }

  private static void openArrow(
      final SvgWriter svg, final Point from, final Point tip, final Paint paint) {
    final double[] u = unit(from, tip);
    final double bx = tip.x() - u[0] * ARROW_LENGTH;
    final double by = tip.y() - u[1] * ARROW_LENGTH;
    svg.empty(
        "polyline",
        "points",
        pair(bx - u[1] * ARROW_HALF_WIDTH, by + u[0] * ARROW_HALF_WIDTH)
            + " "
            + pair(tip.x(), tip.y())
            + " "
            + pair(bx + u[1] * ARROW_HALF_WIDTH, by - u[0] * ARROW_HALF_WIDTH),
        "fill",
        "none",
        "stroke",
        paint.stroke(),
        "stroke-width",
        paint.width(1));
  }

  /**
   * The nearest waypoint from {@code index} in {@code step} direction that is not the same point.
   */
  private static Point before(final List<Point> route, final int index, final int step) {
    final Point at = route.get(index);
    for (int i = index + step; i >= 0 && i < route.size(); i += step) {
      final Point other = route.get(i);
      if (other.x() != at.x() || other.y() != at.y()) {
        return other;
      }
    }
    return new Point(at.x() - step, at.y());
  }

  /** The unit vector from {@code a} towards {@code b}; the points differ. */
  private static double[] unit(final Point a, final Point b) {
    final double dx = b.x() - a.x();
    final double dy = b.y() - a.y();
    final double length = Math.hypot(dx, dy);
    return length == 0 ? new double[] {1, 0} : new double[] {dx / length, dy / length};
  }

  private static String pair(final double x, final double y) {
    return SvgWriter.number(x) + "," + SvgWriter.number(y);
  }
}
