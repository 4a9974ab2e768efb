package io.flowdesk.app.diagram;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes SVG markup in which every attribute value and every text is escaped, so nothing from the
 * BPMN file can open a tag, close an attribute or start an entity. Attributes are given as
 * name/value pairs; a null value leaves the attribute out, numbers are written locale-free. Also
 * used by the CMDB's impact picture ({@code io.flowdesk.app.cmdb.ImpactPicture}).
 */
public final class SvgWriter {

  private final StringBuilder out = new StringBuilder(4096);

  public SvgWriter open(final String tag, final Object... attributes) {
    tag(tag, attributes);
    out.append('>');
    return this;
  }

  public SvgWriter empty(final String tag, final Object... attributes) {
    tag(tag, attributes);
    out.append("/>");
    return this;
  }

  public SvgWriter close(final String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  public SvgWriter text(final String text) {
    escape(text, out);
    return this;
  }

  /** A whole element with text content, e.g. {@code <title>}. */
  public SvgWriter element(final String tag, final String text, final Object... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void tag(final String tag, final Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      final Object value = attributes[i + 1];
      if (value != null) {
        out.append(' ').append(attributes[i]).append("=\"");
        escape(
            value instanceof Number number ? number(number.doubleValue()) : value.toString(), out);
        out.append('"');
      }
    }
  }

  static String number(final double value) {
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static void escape(final String text, final StringBuilder into) {
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '&' -> into.append("&amp;");
        case '<' -> into.append("&lt;");
        case '>' -> into.append("&gt;");
        case '"' -> into.append("&quot;");
        case '\'' -> into.append("&#39;");
        default -> {
          // Characters XML forbids (the parser already refused most) are dropped, not passed on.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c != '\uFFFE' && c != '\uFFFF') {
              into.append(c);
            }
          }
        }
      }
    }
  }
}
