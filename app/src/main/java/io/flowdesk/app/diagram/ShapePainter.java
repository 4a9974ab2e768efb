package io.flowdesk.app.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Draws one shape (its outline, symbols and name) in the colours of its highlight state. */
final class ShapePainter {

  static final Set<String> TASKS =
      Set.of(
          "task",
          "userTask",
          "serviceTask",
          "sendTask",
          "receiveTask",
          "scriptTask",
          "businessRuleTask",
          "manualTask",
          "callActivity");
  static final Set<String> SUB_PROCESSES = Set.of("subProcess", "transaction", "adHocSubProcess");
  static final Set<String> EVENTS =
      Set.of(
          "startEvent",
          "endEvent",
          "intermediateCatchEvent",
          "intermediateThrowEvent",
          "boundaryEvent");
  static final Set<String> GATEWAYS =
      Set.of(
          "exclusiveGateway",
          "parallelGateway",
          "inclusiveGateway",
          "eventBasedGateway",
          "complexGateway");
  static final Set<String> CONTAINERS = Set.of("participant", "lane", "group");

  private static final double RADIUS = 10;
  private static final double BAND = 30;

  private ShapePainter() {}

  static void paint(final SvgWriter svg, final Shape shape, final Paint paint) {
    final String type = shape.element().type();
    if (TASKS.contains(type)) {
      task(svg, shape, paint);
    } else if (SUB_PROCESSES.contains(type)) {
      subProcess(svg, shape, paint);
    } else if (EVENTS.contains(type)) {
      event(svg, shape, paint);
    } else if (GATEWAYS.contains(type)) {
      gateway(svg, shape, paint);
    } else if ("participant".equals(type) || "lane".equals(type)) {
      poolOrLane(svg, shape, paint);
    } else if ("textAnnotation".equals(type)) {
      annotation(svg, shape, paint);
    } else if ("group".equals(type)) {
      group(svg, shape, paint);
    } else if ("dataObjectReference".equals(type)
        || "dataObject".equals(type)
        || "dataInput".equals(type)
        || "dataOutput".equals(type)) {
      dataObject(svg, shape, paint);
    } else if ("dataStoreReference".equals(type)) {
      dataStore(svg, shape, paint);
    } else {
      unknown(svg, shape, paint);
    }
  }

  private static void task(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final SemanticElement element = shape.element();
    final boolean call = "callActivity".equals(element.type());
    rect(svg, b, RADIUS, paint, paint.width(call ? 4 : 2), null);
    Glyphs.taskType(svg, element.type(), b.x(), b.y());
    final List<String> markers = new ArrayList<>();
    element.loop().ifPresent(markers::add);
    markers(svg, b, markers);
    Labels.inside(
        svg,
        new Bounds(b.x(), b.y(), b.width(), b.height() - (markers.isEmpty() ? 0 : 12)),
        element.name());
  }

  private static void subProcess(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final SemanticElement element = shape.element();
    final boolean eventSubProcess = element.flag("triggeredByEvent", false);
    rect(
        svg,
        b,
        RADIUS,
        paint,
        paint.width(eventSubProcess ? 1.5 : 2),
        eventSubProcess ? "1 3" : null);
    if ("transaction".equals(element.type())) {
      rect(
          svg,
          new Bounds(b.x() + 3, b.y() + 3, b.width() - 6, b.height() - 6),
          RADIUS - 3,
          new Paint(paint.cssClass(), paint.stroke(), "none", paint.extraWidth()),
          paint.width(1),
          null);
    }
    final List<String> markers = new ArrayList<>();
    element.loop().ifPresent(markers::add);
    if (!shape.expanded()) {
      markers.add("collapsed");
    }
    if ("adHocSubProcess".equals(element.type())) {
      markers.add("adhoc");
    }
    markers(svg, b, markers);
    if (shape.expanded()) {
      Labels.topLeft(svg, b, element.name());
    } else {
      Labels.inside(svg, new Bounds(b.x(), b.y(), b.width(), b.height() - 12), element.name());
    }
  }

  private static void event(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final SemanticElement element = shape.element();
    final String type = element.type();
    final double cx = b.centerX();
    final double cy = b.centerY();
    final double r = Math.min(b.width(), b.height()) / 2;
    final boolean interrupting =
        "boundaryEvent".equals(type)
            ? element.flag("cancelActivity", true)
            : element.flag("isInterrupting", true);
    final String dash = interrupting ? null : "5 3";
    final double width =
        switch (type) {
          case "endEvent" -> 4;
          case "startEvent" -> 2;
          default -> 1.5;
        };
    circle(svg, cx, cy, r, paint.stroke(), paint.fill(), paint.width(width), dash);
    if (!"startEvent".equals(type) && !"endEvent".equals(type)) {
      circle(svg, cx, cy, Math.max(0, r - 3), paint.stroke(), "none", paint.width(width), dash);
    }
    final boolean throwing = "endEvent".equals(type) || "intermediateThrowEvent".equals(type);
    Glyphs.event(svg, element.eventDefinitions(), throwing, cx, cy, r);
    Labels.below(svg, shape.label(), b, element.name());
  }

  private static void gateway(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    svg.empty(
        "polygon",
        "points",
        points(
            b.centerX(),
            b.y(),
            b.right(),
            b.centerY(),
            b.centerX(),
            b.bottom(),
            b.x(),
            b.centerY()),
        "stroke",
        paint.stroke(),
        "fill",
        paint.fill(),
        "stroke-width",
        paint.width(2),
        "stroke-linejoin",
        "round");
    Glyphs.gateway(
        svg, shape.element().type(), b.centerX(), b.centerY(), Math.min(b.width(), b.height()));
    Labels.below(svg, shape.label(), b, shape.element().name());
  }

  private static void poolOrLane(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final boolean pool = "participant".equals(shape.element().type());
    rect(svg, b, 0, paint, paint.width(pool ? 2 : 1), null);
    final String name = shape.element().name();
    if (pool && shape.element().attribute("processRef") == null) {
      // A black-box pool shows no process, only its name.
      Labels.inside(svg, b, name);
      return;
    }
    final Bounds band =
        shape.horizontal()
            ? new Bounds(b.x(), b.y(), BAND, b.height())
            : new Bounds(b.x(), b.y(), b.width(), BAND);
    if (pool) {
      svg.empty(
          "path",
          "d",
          shape.horizontal()
              ? "M"
                  + SvgWriter.number(band.right())
                  + " "
                  + SvgWriter.number(b.y())
                  + " V"
                  + SvgWriter.number(b.bottom())
              : "M"
                  + SvgWriter.number(b.x())
                  + " "
                  + SvgWriter.number(band.bottom())
                  + " H"
                  + SvgWriter.number(b.right()),
          "stroke",
          paint.stroke(),
          "stroke-width",
          paint.width(1),
          "fill",
          "none");
    }
    Labels.band(svg, band, name, shape.horizontal());
  }

  private static void annotation(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    svg.empty(
        "rect",
        "x",
        b.x(),
        "y",
        b.y(),
        "width",
        b.width(),
        "height",
        b.height(),
        "fill",
        paint == Paint.NORMAL ? "none" : paint.fill(),
        "stroke",
        "none");
    svg.empty(
        "path",
        "d",
        "M"
            + SvgWriter.number(b.x() + 10)
            + " "
            + SvgWriter.number(b.y())
            + " H"
            + SvgWriter.number(b.x())
            + " V"
            + SvgWriter.number(b.bottom())
            + " H"
            + SvgWriter.number(b.x() + 10),
        "stroke",
        paint.stroke(),
        "stroke-width",
        paint.width(1),
        "fill",
        "none");
    final int maxLines = (int) Math.max(1, Math.floor((b.height() - 4) / TextLayout.LINE_HEIGHT));
    final List<String> lines = TextLayout.wrap(shape.element().name(), b.width() - 10, maxLines);
    if (!lines.isEmpty()) {
      svg.open("text", "x", b.x() + 5, "y", b.y() + 14, "fill", Paint.INK);
      for (int i = 0; i < lines.size(); i++) {
        svg.element(
            "tspan", lines.get(i), "x", b.x() + 5, "dy", i == 0 ? 0 : TextLayout.LINE_HEIGHT);
      }
      svg.close("text");
    }
  }

  private static void group(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    svg.empty(
        "rect",
        "x",
        b.x(),
        "y",
        b.y(),
        "width",
        b.width(),
        "height",
        b.height(),
        "rx",
        RADIUS,
        "ry",
        RADIUS,
        "fill",
        "none",
        "stroke",
        paint.stroke(),
        "stroke-width",
        paint.width(1),
        "stroke-dasharray",
        "10 4 2 4");
    Labels.below(
        svg, shape.label(), new Bounds(b.x(), b.y() - 24, b.width(), 0), shape.element().name());
  }

  private static void dataObject(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final double fold = Math.min(10, b.width() / 3);
    svg.empty(
        "path",
        "d",
        "M"
            + SvgWriter.number(b.x())
            + " "
            + SvgWriter.number(b.y())
            + " H"
            + SvgWriter.number(b.right() - fold)
            + " L"
            + SvgWriter.number(b.right())
            + " "
            + SvgWriter.number(b.y() + fold)
            + " V"
            + SvgWriter.number(b.bottom())
            + " H"
            + SvgWriter.number(b.x())
            + " Z"
            + " M"
            + SvgWriter.number(b.right() - fold)
            + " "
            + SvgWriter.number(b.y())
            + " V"
            + SvgWriter.number(b.y() + fold)
            + " H"
            + SvgWriter.number(b.right()),
        "stroke",
        paint.stroke(),
        "fill",
        paint.fill(),
        "stroke-width",
        paint.width(1.5),
        "stroke-linejoin",
        "round");
    Labels.below(svg, shape.label(), b, shape.element().name());
  }

  private static void dataStore(final SvgWriter svg, final Shape shape, final Paint paint) {
    final Bounds b = shape.bounds();
    final double ry = Math.min(8, b.height() / 6);
    final String left = SvgWriter.number(b.x());
    final String right = SvgWriter.number(b.right());
    final String rx = SvgWriter.number(b.width() / 2);
    final String radii = " A" + rx + " " + SvgWriter.number(ry) + " 0 0 0 ";
    svg.empty(
        "path",
        "d",
        "M"
            + left
            + " "
            + SvgWriter.number(b.y() + ry)
            + " V"
            + SvgWriter.number(b.bottom() - ry)
            + radii
            + right
            + " "
            + SvgWriter.number(b.bottom() - ry)
            + " V"
            + SvgWriter.number(b.y() + ry)
            + radii
            + left
            + " "
            + SvgWriter.number(b.y() + ry)
            + radii
            + right
            + " "
            + SvgWriter.number(b.y() + ry),
        "stroke",
        paint.stroke(),
        "fill",
        paint.fill(),
        "stroke-width",
        paint.width(1.5));
    Labels.below(svg, shape.label(), b, shape.element().name());
  }

  private static void unknown(final SvgWriter svg, final Shape shape, final Paint paint) {
    rect(svg, shape.bounds(), 0, paint, paint.width(1), null);
    Labels.inside(svg, shape.bounds(), shape.element().name());
  }

  private static void markers(final SvgWriter svg, final Bounds b, final List<String> markers) {
    if (!markers.isEmpty()) {
      Glyphs.activityMarkers(svg, markers, b.centerX(), b.bottom() - 3);
    }
  }

  private static void rect(
      final SvgWriter svg,
      final Bounds b,
      final double radius,
      final Paint paint,
      final double strokeWidth,
      final String dash) {
    svg.empty(
        "rect",
        "x",
        b.x(),
        "y",
        b.y(),
        "width",
        b.width(),
        "height",
        b.height(),
        "rx",
        radius == 0 ? null : radius,
        "ry",
        radius == 0 ? null : radius,
        "stroke",
        paint.stroke(),
        "fill",
        paint.fill(),
        "stroke-width",
        strokeWidth,
        "stroke-dasharray",
        dash);
  }

  private static void circle(
      final SvgWriter svg,
      final double cx,
      final double cy,
      final double r,
      final String stroke,
      final String fill,
      final double width,
      final String dash) {
    svg.empty(
        "circle",
        "cx",
        cx,
        "cy",
        cy,
        "r",
        r,
        "stroke",
        stroke,
        "fill",
        fill,
        "stroke-width",
        width,
        "stroke-dasharray",
        dash);
  }

  private static String points(final double... coordinates) {
    final StringBuilder points = new StringBuilder();
    for (int i = 0; i < coordinates.length; i += 2) {
      if (i > 0) {
        points.append(' ');
      }
      points
          .append(SvgWriter.number(coordinates[i]))
          .append(',')
          .append(SvgWriter.number(coordinates[i + 1]));
    }
    return points.toString();
  }
}
