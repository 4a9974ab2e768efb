package io.flowdesk.app.diagram;

import java.util.List;

/**
 * The small symbols inside shapes: event triggers, task types, activity markers and gateway types.
 * Each is drawn around its own origin and placed with a {@code transform}, so one drawing serves
 * every size.
 */
final class Glyphs {

  private static final String NONE = "none";

  private Glyphs() {}

  /**
   * The trigger of an event, centred at (cx, cy) in a circle of radius {@code r}; throwing events
   * get filled symbols, catching ones outlined.
   */
  static void event(
      final SvgWriter svg,
      final List<String> definitions,
      final boolean throwing,
      final double cx,
      final double cy,
      final double r) {
    if (definitions.isEmpty()) {
      return;
    }
    final String fill = throwing ? Paint.INK : NONE;
    final String kind = definitions.size() > 1 ? "multiple" : definitions.get(0);
    svg.open(
        "g",
        "class",
        "bpmn-glyph",
        "transform",
        place(cx, cy, r / 18),
        "stroke",
        Paint.INK,
        "stroke-width",
        1.5,
        "stroke-linejoin",
        "round",
        "fill",
        fill);
    switch (kind) {
      case "messageEventDefinition" -> {
        svg.empty(
            "rect",
            "x",
            -8,
            "y",
            -5.5,
            "width",
            16,
            "height",
            11,
            "fill",
            throwing ? Paint.INK : Paint.PAPER);
        svg.empty(
            "path",
            "d",
            "M-8 -5.5 L0 1 L8 -5.5",
            "fill",
            NONE,
            "stroke",
            throwing ? Paint.PAPER : Paint.INK);
      }
      case "timerEventDefinition" -> {
        svg.empty("circle", "r", 10.5, "fill", Paint.PAPER);
        svg.empty(
            "path",
            "d",
            "M0 -10.5 v3 M10.5 0 h-3 M0 10.5 v-3 M-10.5 0 h3 M0 -7 L0 0 L5 3",
            "fill",
            NONE);
      }
      case "errorEventDefinition" ->
          svg.empty("polygon", "points", "-8,8 -3,-7 2,2 8,-8 3,7 -2,-2");
      case "signalEventDefinition" -> svg.empty("polygon", "points", "0,-9 8,6 -8,6");
      case "escalationEventDefinition" -> svg.empty("polygon", "points", "0,-9 7,8 0,2 -7,8");
      case "linkEventDefinition" ->
          svg.empty("polygon", "points", "-8,-3 2,-3 2,-7 9,0 2,7 2,3 -8,3");
      case "terminateEventDefinition" -> svg.empty("circle", "r", 10, "fill", Paint.INK);
      case "compensateEventDefinition" ->
          svg.empty("path", "d", "M-1 -6 V6 L-9 0 Z M8 -6 V6 L0 0 Z");
      case "conditionalEventDefinition" -> {
        svg.empty("rect", "x", -6, "y", -8, "width", 12, "height", 16, "fill", Paint.PAPER);
        svg.empty("path", "d", "M-4 -4 h8 M-4 0 h8 M-4 4 h8", "fill", NONE);
      }
      case "cancelEventDefinition" ->
          svg.empty("path", "d", "M-6 -6 L6 6 M6 -6 L-6 6", "stroke-width", 3, "fill", NONE);
      default -> svg.empty("polygon", "points", "0,-9 8.6,-2.8 5.3,7.3 -5.3,7.3 -8.6,-2.8");
    }
    svg.close("g");
  }

  /** The task type symbol in the top left corner of a task at (x, y). */
  static void taskType(final SvgWriter svg, final String type, final double x, final double y) {
    if (!List.of(
            "userTask",
            "serviceTask",
            "sendTask",
            "receiveTask",
            "scriptTask",
            "businessRuleTask",
            "manualTask")
        .contains(type)) {
      return;
    }
    svg.open(
        "g",
        "class",
        "bpmn-glyph",
        "transform",
        place(x + 6, y + 6, 1),
        "stroke",
        Paint.INK,
        "stroke-width",
        1,
        "fill",
        Paint.PAPER);
    switch (type) {
      case "userTask" -> {
        svg.empty("path", "d", "M1 16 C1 9 15 9 15 16 Z");
        svg.empty("circle", "cx", 8, "cy", 5, "r", 3.5);
      }
      case "serviceTask" -> {
        svg.empty(
            "circle",
            "cx",
            8,
            "cy",
            8,
            "r",
            6,
            "stroke-width",
            3,
            "stroke-dasharray",
            "2.4 2.3",
            "fill",
            NONE);
        svg.empty("circle", "cx", 8, "cy", 8, "r", 4.5);
        svg.empty("circle", "cx", 8, "cy", 8, "r", 1.8);
      }
      case "sendTask" -> {
        svg.empty("rect", "x", 0, "y", 3, "width", 16, "height", 11, "fill", Paint.INK);
        svg.empty("path", "d", "M0 3 L8 9 L16 3", "stroke", Paint.PAPER, "fill", NONE);
      }
      case "receiveTask" -> {
        svg.empty("rect", "x", 0, "y", 3, "width", 16, "height", 11);
        svg.empty("path", "d", "M0 3 L8 9 L16 3", "fill", NONE);
      }
      case "scriptTask" -> {
        svg.empty(
            "path",
            "d",
            "M4 1 H15 C12 4 12 6 14 8 C16 10 16 12 13 15 H2 C5 12 5 10 3 8 C1 6 1 4 4 1 Z");
        svg.empty("path", "d", "M5 5 H11 M6 8 H12 M6 11 H12", "fill", NONE);
      }
      case "businessRuleTask" -> {
        svg.empty("rect", "x", 0, "y", 2, "width", 16, "height", 12);
        svg.empty("rect", "x", 0, "y", 2, "width", 16, "height", 4, "fill", Paint.INK);
        svg.empty("path", "d", "M0 10 H16 M5 6 V14", "fill", NONE);
      }
      default ->
          svg.empty(
              "path",
              "d",
              "M1 6 C1 4 2 3 4 3 H13 a1.5 1.5 0 0 1 0 3 H8 M8 6 H15"
                  + " a1.5 1.5 0 0 1 0 3 H8 M8 9 H14 a1.5 1.5 0 0 1 0 3 H8 M8 12 H12"
                  + " a1.5 1.5 0 0 1 0 3 H5 C2 15 1 13 1 11 Z");
    }
    svg.close("g");
  }

  /**
   * The markers at the bottom centre of an activity (loop, collapsed, ad-hoc), side by side around
   * (cx, bottom).
   */
  static void activityMarkers(
      final SvgWriter svg, final List<String> markers, final double cx, final double bottom) {
    double x = cx - (markers.size() * 16 - 4) / 2.0;
    for (final String marker : markers) {
      svg.open(
          "g",
          "class",
          "bpmn-marker bpmn-marker-" + marker,
          "transform",
          place(x, bottom - 16, 1),
          "stroke",
          Paint.INK,
          "stroke-width",
          1.5,
          "fill",
          NONE);
      switch (marker) {
        case "parallel" -> svg.empty("path", "d", "M2 0 V12 M6 0 V12 M10 0 V12");
        case "sequential" -> svg.empty("path", "d", "M0 2 H12 M0 6 H12 M0 10 H12");
        case "standard" -> svg.empty("path", "d", "M3 10 A5 5 0 1 1 9 10 M9 10 l0 -4 M9 10 l-4 0");
        case "collapsed" -> {
          svg.empty("rect", "x", 0, "y", 0, "width", 12, "height", 12, "stroke-width", 1);
          svg.empty("path", "d", "M6 3 V9 M3 6 H9");
        }
        default -> svg.empty("path", "d", "M0 7 C2 3 4 3 6 6 C8 9 10 9 12 5");
      }
      svg.close("g");
      x += 16;
    }
  }

  /** The type symbol of a gateway centred at (cx, cy), sized for a gateway {@code size} wide. */
  static void gateway(
      final SvgWriter svg, final String type, final double cx, final double cy, final double size) {
    svg.open(
        "g",
        "class",
        "bpmn-glyph",
        "transform",
        place(cx, cy, size / 50),
        "stroke",
        Paint.INK,
        "fill",
        NONE);
    switch (type) {
      case "exclusiveGateway" ->
          svg.empty("path", "d", "M-7 -9 L7 9 M7 -9 L-7 9", "stroke-width", 4);
      case "parallelGateway" -> svg.empty("path", "d", "M0 -11 V11 M-11 0 H11", "stroke-width", 4);
      case "inclusiveGateway" -> svg.empty("circle", "r", 10, "stroke-width", 3);
      case "complexGateway" ->
          svg.empty(
              "path", "d", "M0 -11 V11 M-11 0 H11 M-8 -8 L8 8 M8 -8 L-8 8", "stroke-width", 3);
      case "eventBasedGateway" -> {
        svg.empty("circle", "r", 12, "stroke-width", 1);
        svg.empty("circle", "r", 9.5, "stroke-width", 1);
        svg.empty(
            "polygon", "points", "0,-6 5.7,-1.9 3.5,4.9 -3.5,4.9 -5.7,-1.9", "stroke-width", 1.5);
      }
      default -> {
        // a gateway of a type BPMN does not define: the bare diamond says enough
      }
    }
    svg.close("g");
  }

  private static String place(final double x, final double y, final double scale) {
    final String translate = "translate(" + SvgWriter.number(x) + " " + SvgWriter.number(y) + ")";
    return scale == 1 ? translate : translate + " scale(" + SvgWriter.number(scale) + ")";
  }
}
