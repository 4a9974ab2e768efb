package io.flowdesk.app.diagram;

/** A rectangle in diagram coordinates, as DI's {@code dc:Bounds} gives it. */
record Bounds(double x, double y, double width, double height) {

  double centerX() {
    return x + width / 2;
  }

  double centerY() {
    return y + height / 2;
  }

  double right() {
    return x + width;
  }

  double bottom() {
    return y + height;
  }
}
