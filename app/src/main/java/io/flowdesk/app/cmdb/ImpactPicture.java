package io.flowdesk.app.cmdb;

import io.flowdesk.app.diagram.SvgWriter;
import io.flowdesk.domain.cmdb.Impact;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An impact analysis drawn as SVG on the server: one column per depth (the origin on the left),
 * each reached CI a box (business services and applications stand out), an arrow per step of its
 * path in the relationship's direction (source to target). Every name is escaped ({@link
 * SvgWriter}); the SVG has no script, style or links, so pages insert it unescaped. A column shows
 * at most {@value #MAX_PER_COLUMN} CIs and says how many more there are; the list beside it has
 * them all.
 */
final class ImpactPicture {

  static final int MAX_PER_COLUMN = 25;
  private static final int BOX_WIDTH = 180;
  private static final int BOX_HEIGHT = 44;
  private static final int COLUMN_GAP = 60;
  private static final int ROW_GAP = 14;
  private static final int MARGIN = 10;
  // What fits a box in bold 13 px; the title (a tooltip) and the list have the whole name.
  private static final int NAME_CHARS = 20;

  private ImpactPicture() {}

  private record Box(UUID id, String name, String className, boolean service, int x, int y) {}

  static String svg(final Impact impact, final Map<String, String> classLabels) {
    final List<List<ImpactedCi>> columns = new ArrayList<>();
    for (final ImpactedCi ci : impact.reached()) {
      while (columns.size() < ci.depth()) {
        columns.add(new ArrayList<>());
      }
      columns.get(ci.depth() - 1).add(ci);
    }
    final Map<UUID, Box> boxes = new HashMap<>();
    final Box origin =
        new Box(
            impact.origin().id(),
            impact.origin().name(),
            impact.origin().className(),
            false,
            MARGIN,
            MARGIN);
    boxes.put(origin.id(), origin);
    int rows = 1;
    final List<String> overflow = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      final List<ImpactedCi> column = columns.get(c);
      final int shown = Math.min(column.size(), MAX_PER_COLUMN);
      for (int r = 0; r < shown; r++) {
        final ImpactedCi ci = column.get(r);
        boxes.put(
            ci.id(), new Box(ci.id(), ci.name(), ci.className(), ci.service(), x(c + 1), y(r)));
      }
      rows = Math.max(rows, shown + (column.size() > shown ? 1 : 0));
      overflow.add(column.size() > shown ? "+ " + (column.size() - shown) + " more" : null);
    }
    final int width = x(columns.size() + 1) - COLUMN_GAP + MARGIN;
    final int height = y(rows) - ROW_GAP + MARGIN;
    final SvgWriter svg = new SvgWriter();
    svg.open(
        "svg",
        "xmlns",
        "http://www.w3.org/2000/svg",
        "class",
        "cmdb-impact",
        "viewBox",
        "0 0 " + width + " " + height,
        "width",
        width,
        "height",
        height,
        "role",
        "img",
        "aria-label",
        (impact.direction() == ImpactDirection.UP ? "What depends on " : "What makes up ")
            + impact.origin().name());
    svg.open("defs")
        .open(
            "marker",
            "id",
            "cmdb-arrow",
            "viewBox",
            "0 0 10 10",
            "refX",
            10,
            "refY",
            5,
            "markerWidth",
            7,
            "markerHeight",
            7,
            "orient",
            "auto")
        .empty("path", "d", "M0,0 L10,5 L0,10 z", "fill", "#5b6270")
        .close("marker")
        .close("defs");
    for (final ImpactedCi ci : impact.reached()) {
      final Box to = boxes.get(ci.id());
      final Box from = boxes.get(ci.previous());
      if (to != null && from != null) {
        arrow(svg, impact.direction(), from, to, ci.via().label());
      }
    }
    box(svg, origin, classLabels, true);
    for (final ImpactedCi ci : impact.reached()) {
      final Box box = boxes.get(ci.id());
      if (box != null) {
        box(svg, box, classLabels, false);
      }
    }
    for (int c = 0; c < overflow.size(); c++) {
      if (overflow.get(c) != null) {
        svg.element(
            "text",
            overflow.get(c),
            "x",
            x(c + 1) + 8,
            "y",
            y(MAX_PER_COLUMN) + 20,
            "class",
            "cmdb-more",
            "font-size",
            13,
            "fill",
            "#333");
      }
    }
    return svg.close("svg").toString();
  }

  // Upstream the reached CI is the relationship's source, so the arrow points back towards the
  // origin; downstream it points away from it.
  private static void arrow(
      final SvgWriter svg,
      final ImpactDirection direction,
      final Box previous,
      final Box reached,
      final String via) {
    final Box source = direction == ImpactDirection.UP ? reached : previous;
    final Box target = direction == ImpactDirection.UP ? previous : reached;
    final boolean rightwards = target.x() > source.x();
    final int x1 = rightwards ? source.x() + BOX_WIDTH : source.x();
    final int x2 = rightwards ? target.x() : target.x() + BOX_WIDTH;
    svg.open("g", "class", "cmdb-edge")
        .element("title", via)
        .empty(
            "line",
            "x1",
            x1,
            "y1",
            source.y() + BOX_HEIGHT / 2,
            "x2",
            x2,
            "y2",
            target.y() + BOX_HEIGHT / 2,
            "stroke",
            "#5b6270",
            "stroke-width",
            1.5,
            "marker-end",
            "url(#cmdb-arrow)")
        .close("g");
  }

  private static void box(
      final SvgWriter svg,
      final Box box,
      final Map<String, String> classLabels,
      final boolean origin) {
    final String fill = origin ? "#1f4e9c" : box.service() ? "#fde7c8" : "#eef0f4";
    final String ink = origin ? "#ffffff" : "#1b1f27";
    svg.open(
            "g",
            "class",
            origin
                ? "cmdb-node cmdb-origin"
                : box.service() ? "cmdb-node cmdb-service" : "cmdb-node",
            "data-ci-id",
            box.id())
        .element(
            "title",
            box.name() + " (" + classLabels.getOrDefault(box.className(), box.className()) + ")")
        .empty(
            "rect",
            "x",
            box.x(),
            "y",
            box.y(),
            "width",
            BOX_WIDTH,
            "height",
            BOX_HEIGHT,
            "rx",
            6,
            "fill",
            fill,
            "stroke",
            box.service() ? "#b35c00" : "#8a93a3")
        .element(
            "text",
            shortened(box.name()),
            "x",
            box.x() + 8,
            "y",
            box.y() + 18,
            "font-size",
            13,
            "font-weight",
            "600",
            "fill",
            ink)
        .element(
            "text",
            classLabels.getOrDefault(box.className(), box.className()),
            "x",
            box.x() + 8,
            "y",
            box.y() + 35,
            "font-size",
            11,
            "fill",
            ink)
        .close("g");
  }

  private static String shortened(final String name) {
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 1) + "…";
  }

  private static int x(final int column) {
    return MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
  }

  private static int y(final int row) {
    return MARGIN + row * (BOX_HEIGHT + ROW_GAP);
  }
}
