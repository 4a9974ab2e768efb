package io.flowdesk.app.diagram;

/** A point in diagram coordinates, as DI's {@code di:waypoint} gives it. */
record Point(double x, double y) {}
