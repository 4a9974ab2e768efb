package io.flowdesk.app.diagram;

import java.util.List;

/** Places element names: inside tasks, at label bounds for events and flows, in pool bands. */
final class Labels {

  /** Where the first baseline sits below the top of its line box. */
  private static final double BASELINE = 10.5;

  /** bpmn-js' width for an external label that DI gives no bounds for. */
  private static final double EXTERNAL_WIDTH = 90;

  private Labels() {}

  /** Centred in the box, as on tasks and collapsed sub-processes. */
  static void inside(final SvgWriter svg, final Bounds box, final String text) {
    final int maxLines = (int) Math.max(1, Math.floor((box.height() - 8) / TextLayout.LINE_HEIGHT));
    final List<String> lines = TextLayout.wrap(text, box.width() - 12, maxLines);
    final double top = box.centerY() - lines.size() * TextLayout.LINE_HEIGHT / 2;
    lines(svg, lines, box.centerX(), top, "middle");
  }

  /** At the top left, as on expanded sub-processes and groups. */
  static void topLeft(final SvgWriter svg, final Bounds box, final String text) {
    lines(svg, TextLayout.wrap(text, box.width() - 16, 2), box.x() + 8, box.y() + 4, "start");
  }

  /** At the DI label bounds, else centred below the shape, as on events and gateways. */
  static void below(
      final SvgWriter svg, final Bounds label, final Bounds shape, final String text) {
    if (label != null) {
      // The modeller measured the bounds with the real font; estimated widths may run a little
      // wider, so wrap no narrower than a label without bounds would be.
      final double width = Math.max(label.width(), EXTERNAL_WIDTH);
      lines(svg, TextLayout.wrap(text, width, 6), label.centerX(), label.y(), "middle");
    } else {
      lines(
          svg,
          TextLayout.wrap(text, EXTERNAL_WIDTH, 4),
          shape.centerX(),
          shape.bottom() + 4,
          "middle");
    }
  }

  /** At the DI label bounds, else beside the middle of the route. */
  static void onEdge(
      final SvgWriter svg, final Bounds label, final List<Point> route, final String text) {
    if (label != null) {
      below(svg, label, label, text);
      return;
    }
    final int middle = (route.size() - 1) / 2;
    final Point a = route.get(middle);
    final Point b = route.get(middle + 1);
    lines(
        svg,
        TextLayout.wrap(text, EXTERNAL_WIDTH, 3),
        (a.x() + b.x()) / 2,
        (a.y() + b.y()) / 2 + 4,
        "middle");
  }

  /** In the name band of a pool or lane: along the left edge, read bottom to top, or on top. */
  static void band(
      final SvgWriter svg, final Bounds band, final String text, final boolean vertical) {
    if (!vertical) {
      lines(
          svg, TextLayout.wrap(text, band.width() - 8, 1), band.centerX(), band.y() + 8, "middle");
      return;
    }
    final List<String> lines = TextLayout.wrap(text, band.height() - 8, 1);
    if (lines.isEmpty()) {
      return;
    }
    final double x = band.centerX();
    final double y = band.centerY();
    svg.open(
        "text",
        "x",
        x,
        "y",
        y + 4,
        "text-anchor",
        "middle",
        "fill",
        Paint.INK,
        "transform",
        "rotate(-90 " + SvgWriter.number(x) + " " + SvgWriter.number(y) + ")");
    svg.element("tspan", lines.get(0), "x", x, "dy", 0).close("text");
  }

  private static void lines(
      final SvgWriter svg,
      final List<String> lines,
      final double x,
      final double top,
      final String anchor) {
    if (lines.isEmpty()) {
      return;
    }
    svg.open("text", "x", x, "y", top + BASELINE, "text-anchor", anchor, "fill", Paint.INK);
    for (int i = 0; i < lines.size(); i++) {
      svg.element("tspan", lines.get(i), "x", x, "dy", i == 0 ? 0 : TextLayout.LINE_HEIGHT);
    }
    svg.close("text");
  }
}
