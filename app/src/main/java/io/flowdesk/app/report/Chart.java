package io.flowdesk.app.report;

import io.flowdesk.domain.report.ReportTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report drawn on the server as SVG geometry (no script, nothing fetched from elsewhere): a line
 * per series over time, or grouped bars per category. The template {@code reports/chart.html} draws
 * it in a {@code viewBox}, so it scales to any width. Values missing from a row (nothing measured)
 * draw nothing.
 */
public record Chart(
    boolean lines, List<Series> series, List<Tick> xTicks, List<Tick> yTicks, String description) {

  static final int WIDTH = 720;
  static final int HEIGHT = 260;
  static final int LEFT = 48;
  static final int RIGHT = 12;
  static final int TOP = 12;
  static final int BOTTOM = 40;
  private static final int MAX_X_LABELS = 8;
  private static final String[] COLOURS = {
    "#1f5fae", "#d9822b", "#3d8c40", "#a83279", "#6b5bb5", "#8a6d3b"
  };

  /** A series: a polyline's points, or its bars. */
  public record Series(String name, String colour, String points, List<Bar> bars) {}

  public record Bar(double x, double y, double width, double height, String title) {}

  public record Tick(double position, String label) {}

  /** Whether there is nothing to draw (no row has a value in the drawn columns). */
  public boolean empty() {
    return series.stream().allMatch(s -> s.bars().isEmpty());
  }

  public int width() {
    return WIDTH;
  }

  public int height() {
    return HEIGHT;
  }

  public int plotLeft() {
    return LEFT;
  }

  public int plotRight() {
    return WIDTH - RIGHT;
  }

  public int plotBottom() {
    return HEIGHT - BOTTOM;
  }

  /**
   * @param label how a row is named on the x axis (columns joined by " ")
   * @param columns the numeric columns drawn, one series each
   */
  static Chart of(
      final ReportTable table, final boolean lines, final int[] label, final int[] columns) {
    final List<List<Object>> rows = table.rows();
    final double max = niceMax(rows, columns);
    final double plotWidth = WIDTH - LEFT - RIGHT;
    final double plotHeight = HEIGHT - TOP - BOTTOM;
    final int n = Math.max(1, rows.size());
    final double slot = plotWidth / n;
    final List<Series> series = new ArrayList<>();
    for (int s = 0; s < columns.length; s++) {
      final StringBuilder points = new StringBuilder();
      final List<Bar> bars = new ArrayList<>();
      final double barWidth = slot * 0.8 / columns.length;
      for (int r = 0; r < rows.size(); r++) {
        final Object cell = rows.get(r).get(columns[s]);
        if (!(cell instanceof Number number)) {
          continue;
        }
        final double value = number.doubleValue();
        final double y = TOP + plotHeight - value / max * plotHeight;
        final String title =
            name(rows.get(r), label) + ": " + table.columns().get(columns[s]) + " " + format(value);
        if (lines) {
          points.append(round(LEFT + slot * (r + 0.5))).append(',').append(round(y)).append(' ');
          bars.add(new Bar(round(LEFT + slot * (r + 0.5)), round(y), 0, 0, title));
        } else {
          bars.add(
              new Bar(
                  round(LEFT + slot * r + slot * 0.1 + barWidth * s),
                  round(y),
                  round(Math.max(1, barWidth - 1)),
                  round(TOP + plotHeight - y),
                  title));
        }
      }
      series.add(
          new Series(
              table.columns().get(columns[s]),
              COLOURS[s % COLOURS.length],
              points.toString().strip(),
              bars));
    }
    final List<Tick> xTicks = new ArrayList<>();
    final int every = (int) Math.ceil(rows.size() / (double) MAX_X_LABELS);
    for (int r = 0; r < rows.size(); r += Math.max(1, every)) {
      xTicks.add(new Tick(round(LEFT + slot * (r + 0.5)), shortened(name(rows.get(r), label))));
    }
    final List<Tick> yTicks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      yTicks.add(new Tick(round(TOP + plotHeight - plotHeight * i / 4), format(max * i / 4)));
    }
    return new Chart(lines, series, xTicks, yTicks, description(table, columns, rows.size()));
  }

  private static String description(final ReportTable table, final int[] columns, final int rows) {
    final List<String> names = new ArrayList<>();
    for (final int c : columns) {
      names.add(table.columns().get(c));
    }
    return String.join(", ", names)
        + " over "
        + rows
        + " "
        + table.columns().get(0).toLowerCase(Locale.ROOT)
        + " rows";
  }

  /**
   * The top of the y axis: four equal steps of 1, 2, 2.5 or 5 times a power of ten that reach the
   * largest value; whole steps when every value is whole (counts), so no axis says "1.3 incidents".
   */
  private static double niceMax(final List<List<Object>> rows, final int[] columns) {
    double max = 0;
    boolean whole = true;
    for (final List<Object> row : rows) {
      for (final int c : columns) {
        if (row.get(c) instanceof Number number) {
          max = Math.max(max, number.doubleValue());
          whole &= number.doubleValue() == Math.rint(number.doubleValue());
        }
      }
    }
    final double least = max <= 0 ? 0.25 : max / 4;
    final double magnitude = Math.pow(10, Math.floor(Math.log10(least)));
    for (final double factor : new double[] {1, 2, 2.5, 5, 10}) {
      final double step = factor * magnitude;
      if (step >= least && (!whole || step == Math.rint(step))) {
        return Math.max(whole ? 4 : 0, 4 * step);
      }
    }
    return 40 * magnitude;
  }

  private static String name(final List<Object> row, final int[] label) {
    final List<String> parts = new ArrayList<>();
    for (final int c : label) {
      parts.add(String.valueOf(row.get(c)));
    }
    return String.join(" ", parts);
  }

  private static String shortened(final String label) {
    return label.length() <= 14 ? label : label.substring(0, 13) + "…";
  }

  static String format(final double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double round(final double value) {
    return Math.round(value * 10) / 10.0;
  }
}
