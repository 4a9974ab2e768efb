package io.flowdesk.app.diagram;

import java.util.Map;

/**
 * Paints count badges on the drawn shapes: small pills along a shape's upper edge up to its top
 * right corner, active first, then incidents, then completed, each only when not zero. Written
 * through {@link SvgWriter} like the rest of the drawing, so the counts and ids are escaped and
 * nothing but shapes and text is added. Each badge is a {@code <g class="bpmn-badge
 * bpmn-badge-<kind>" data-badge-for="element id">} whose title says what it counts ("3 active").
 */
final class CountBadges {

  private static final double HEIGHT = 16;
  private static final double DIGIT_WIDTH = 7;
  private static final double PADDING = 5;
  private static final double GAP = 3;

  private enum Kind {
    ACTIVE("active", "#1864ab"),
    INCIDENTS("incidents", "#c92a2a"),
    COMPLETED("completed", "#495057");

    final String label;
    final String fill;

    Kind(final String label, final String fill) {
      this.label = label;
      this.fill = fill;
    }

    long of(final ElementCounts counts) {
      return switch (this) {
        case ACTIVE -> counts.active();
        case INCIDENTS -> counts.incidents();
        case COMPLETED -> counts.completed();
      };
    }
  }

  private CountBadges() {}

  static void paint(
      final SvgWriter svg, final DiagramModel model, final Map<String, ElementCounts> counts) {
    if (counts.isEmpty()) {
      return;
    }
    for (final Shape shape : model.shapes()) {
      final ElementCounts at = counts.get(shape.element().id());
      if (at != null && !at.isEmpty()) {
        badges(svg, shape, at);
      }
    }
  }

  private static double width(final long count) {
    return 2 * PADDING + DIGIT_WIDTH * Long.toString(count).length();
  }

  private static void badges(final SvgWriter svg, final Shape shape, final ElementCounts counts) {
    final Bounds bounds = shape.bounds();
    // Along the top edge, ending at the top right corner: labels of events and gateways sit below
    // them, and a task's type icon at its top left.
    double total = -GAP;
    for (final Kind kind : Kind.values()) {
      final long count = kind.of(counts);
      total += count == 0 ? 0 : width(count) + GAP;
    }
    double x = bounds.right() + 4 - total;
    final double y = bounds.y() - HEIGHT / 2;
    for (final Kind kind : Kind.values()) {
      final long count = kind.of(counts);
      if (count == 0) {
        continue;
      }
      final String text = Long.toString(count);
      final double width = width(count);
      svg.open(
          "g",
          "class",
          "bpmn-badge bpmn-badge-" + kind.label,
          "data-badge-for",
          shape.element().id());
      svg.element("title", count + " " + kind.label);
      svg.empty(
          "rect",
          "x",
          x,
          "y",
          y,
          "width",
          width,
          "height",
          HEIGHT,
          "rx",
          HEIGHT / 2,
          "fill",
          kind.fill);
      svg.element(
          "text",
          text,
          "x",
          x + width / 2,
          "y",
          y + HEIGHT - 4,
          "text-anchor",
          "middle",
          "fill",
          Paint.PAPER,
          "font-size",
          11,
          "font-weight",
          "bold");
      svg.close("g");
      x += width + GAP;
    }
  }
}
