package io.flowdesk.app.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's answers as lines to read: the field in words and its value as text. */
public final class RequestAnswers {

  /** One answer. */
  public record Line(String label, String value) {}

  private RequestAnswers() {}

  public static List<Line> lines(final Map<String, Object> answers) {
    final List<Line> lines = new ArrayList<>();
    answers.forEach((name, value) -> lines.add(new Line(label(name), text(value))));
    return lines;
  }

  private static String label(final String name) {
    final String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
    final String lower = spaced.toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? name : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static String text(final Object value) {
    if (value == null) {
      return "—";
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    if (value instanceof Boolean yes) {
      return yes ? "Yes" : "No";
    }
    return String.valueOf(value);
  }
}
