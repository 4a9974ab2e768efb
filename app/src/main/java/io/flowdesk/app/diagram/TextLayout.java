package io.flowdesk.app.diagram;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a name into lines that fit a width. The server has no font metrics for the browser's font,
 * so widths are estimated per character class for a 12px sans-serif face; good enough to keep names
 * inside their shapes.
 */
final class TextLayout {

  static final double FONT_SIZE = 12;
  static final double LINE_HEIGHT = 14;
  private static final String ELLIPSIS = "\u2026";

  private TextLayout() {}

  /** The lines of {@code text} no wider than {@code width}; at most {@code maxLines}. */
  static List<String> wrap(final String text, final double width, final int maxLines) {
    final List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank() || maxLines < 1) {
      return lines;
    }
    for (final String paragraph : text.strip().split("\\R")) {
      String line = "";
      for (final String word : paragraph.strip().split("\\s+")) {
        final String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line);
        }
        line = word;
        while (width(line) > width && line.length() > 1) {
          final int fits = fitting(line, width);
          lines.add(line.substring(0, fits));
          line = line.substring(fits);
        }
      }
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    if (lines.size() > maxLines) {
      final List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
      String last = kept.get(maxLines - 1);
      while (!last.isEmpty() && width(last + ELLIPSIS) > width) {
        last = last.substring(0, last.length() - 1);
      }
      kept.set(maxLines - 1, last.stripTrailing() + ELLIPSIS);
      return kept;
    }
    return lines;
  }

  static double width(final String text) {
    double width = 0;
    for (int i = 0; i < text.length(); i++) {
      width += charWidth(text.charAt(i));
    }
    return width;
  }

  private static int fitting(final String word, final double width) {
    int count = 1;
    while (count < word.length() && width(word.substring(0, count + 1)) <= width) {
      count++;
    }
    return count;
  }

  private static double charWidth(final char c) {
    if ("il.,:;'|!()[]{}jtfI ".indexOf(c) >= 0) {
      return 3.5;
    }
    if ("mwMW@%".indexOf(c) >= 0) {
      return 10.5;
    }
    if (Character.isUpperCase(c) || Character.isDigit(c)) {
      return 8;
    }
    return 6.5;
  }
}
