package io.flowdesk.app.change.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of the RFC 5545 the feed writes, for tests: every line ends in CRLF, no line is
 * longer than 75 octets, folded lines are unfolded, components nest and close, each VEVENT has the
 * required properties once, and TEXT values are unescaped (an unknown escape fails).
 */
final class StrictICalendar {

  record Component(String name, Map<String, String> properties, List<Component> children) {
    String value(final String property) {
      final String value = properties.get(property);
      if (value == null) {
        throw new AssertionError(name + " has no " + property + ": " + properties);
      }
      return value;
    }
  }

  private final Component root;

  private StrictICalendar(final Component root) {
    this.root = root;
  }

  List<Component> events() {
    return root.children().stream().filter(c -> c.name().equals("VEVENT")).toList();
  }

  static String utc(final Instant instant) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  static StrictICalendar parse(final String text) {
    if (!text.endsWith("\r\n")) {
      throw new AssertionError("does not end in CRLF");
    }
    final List<String> physical = List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    final List<String> lines = new ArrayList<>();
    for (final String line : physical) {
      if (line.contains("\n") || line.contains("\r")) {
        throw new AssertionError("bare CR or LF in: " + line);
      }
      if (line.getBytes(StandardCharsets.UTF_8).length > 75) {
        throw new AssertionError("longer than 75 octets: " + line);
      }
      if (line.startsWith(" ")) {
        if (lines.isEmpty()) {
          throw new AssertionError("continuation without a line");
        }
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
      } else {
        lines.add(line);
      }
    }
    final Deque<Component> open = new ArrayDeque<>();
    Component root = null;
    for (final String line : lines) {
      final int colon = line.indexOf(':');
      if (colon < 1) {
        throw new AssertionError("not a content line: " + line);
      }
      final String name = line.substring(0, colon);
      final String value = line.substring(colon + 1);
      if (!name.matches("[A-Z-]+")) {
        throw new AssertionError("property with parameters or bad name: " + name);
      }
      switch (name) {
        case "BEGIN" -> {
          final Component component =
              new Component(value, new LinkedHashMap<>(), new ArrayList<>());
          if (open.isEmpty()) {
            if (root != null || !value.equals("VCALENDAR")) {
              throw new AssertionError("one VCALENDAR expected, got " + value);
            }
            root = component;
          } else {
            open.peek().children().add(component);
          }
          open.push(component);
        }
        case "END" -> {
          if (open.isEmpty() || !open.pop().name().equals(value)) {
            throw new AssertionError("END:" + value + " closes nothing open");
          }
        }
        default -> {
          if (open.isEmpty()) {
            throw new AssertionError("property outside a component: " + line);
          }
          if (open.peek().properties().put(name, unescape(name, value)) != null) {
            throw new AssertionError(name + " twice in " + open.peek().name());
          }
        }
      }
    }
    if (root == null || !open.isEmpty()) {
      throw new AssertionError("components left open");
    }
    for (final String required : List.of("VERSION", "PRODID")) {
      root.value(required);
    }
    if (!root.value("VERSION").equals("2.0")) {
      throw new AssertionError("VERSION must be 2.0");
    }
    for (final Component event : new StrictICalendar(root).events()) {
      for (final String required : List.of("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY")) {
        event.value(required);
      }
      for (final String time : List.of("DTSTAMP", "DTSTART", "DTEND")) {
        if (!event.value(time).matches("\\d{8}T\\d{6}Z")) {
          throw new AssertionError(time + " is not a UTC date-time: " + event.value(time));
        }
      }
      if (event.value("DTEND").compareTo(event.value("DTSTART")) <= 0) {
        throw new AssertionError("DTEND not after DTSTART in " + event.value("UID"));
      }
    }
    return new StrictICalendar(root);
  }

  private static String unescape(final String name, final String value) {
    if (name.equals("URL") || name.startsWith("DT")) {
      return value;
    }
    final StringBuilder text = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (c == ';' || c == ',') {
        throw new AssertionError("unescaped " + c + " in " + name + ": " + value);
      }
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (++i >= value.length()) {
        throw new AssertionError("dangling backslash in " + value);
      }
      switch (value.charAt(i)) {
        case '\\' -> text.append('\\');
        case ';' -> text.append(';');
        case ',' -> text.append(',');
        case 'n', 'N' -> text.append('\n');
        default -> throw new AssertionError("unknown escape \\" + value.charAt(i) + " in " + value);
      }
    }
    return text.toString();
  }
}
