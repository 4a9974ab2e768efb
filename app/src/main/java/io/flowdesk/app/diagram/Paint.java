package io.flowdesk.app.diagram;

/**
 * The colours of an element in one highlight state. Written as presentation attributes, not CSS:
 * the pages' Content-Security-Policy allows no inline styles, and the diagram must look right
 * without any stylesheet.
 *
 * @param cssClass the class naming the state ({@code active}, {@code completed}, {@code incident})
 *     or null
 * @param stroke outline colour
 * @param fill shape fill colour
 * @param extraWidth added to the outline's normal width
 */
record Paint(String cssClass, String stroke, String fill, double extraWidth) {

  static final String INK = "#22242a";
  static final String PAPER = "#ffffff";

  static final Paint NORMAL = new Paint(null, INK, PAPER, 0);
  static final Paint ACTIVE = new Paint("active", "#d9480f", "#fff4e6", 1.5);
  static final Paint COMPLETED = new Paint("completed", "#2b8a3e", "#ebfbee", 0);
  static final Paint INCIDENT = new Paint("incident", "#c92a2a", "#fff5f5", 2.5);

  double width(final double normal) {
    return normal + extraWidth;
  }
}
