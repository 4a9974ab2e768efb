package io.flowdesk.connectors.etl.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the {@code rel="next"} target of RFC 8288 {@code Link} header values. */
final class LinkHeader {

  private LinkHeader() {}

  static Optional<String> next(final List<String> headerValues) {
    for (final String header : headerValues) {
      for (final String link : splitLinks(header)) {
        final int open = link.indexOf('<');
        final int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
          continue;
        }
        for (final String parameter : link.substring(close + 1).split(";", -1)) {
          final String[] nameValue = parameter.strip().split("=", 2);
          if (nameValue.length == 2
              && nameValue[0].strip().equalsIgnoreCase("rel")
              && relations(nameValue[1]).contains("next")) {
            return Optional.of(link.substring(open + 1, close).strip());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Splits on commas between links, not on commas inside a {@code <url>}. */
  private static List<String> splitLinks(final String header) {
    final List<String> links = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < header.length(); i++) {
      final char c = header.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        links.add(header.substring(start, i));
        start = i + 1;
      }
    }
    links.add(header.substring(start));
    return links;
  }

  private static List<String> relations(final String value) {
    final String unquoted = value.strip().replace("\"", "");
    return List.of(unquoted.toLowerCase(Locale.ROOT).split("\\s+"));
  }
}
