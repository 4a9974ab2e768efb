package io.flowdesk.domain.notification;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholder syntax of notification templates, deliberately tiny so that an admin's template
 * can do nothing but insert values: {@code {{record.number}}} inserts a value, and {@code
 * {{#approval.handedOverBy}}…{{/approval.handedOverBy}}} keeps its text only when that value is not
 * blank (no nesting, no expressions, no loops). Values are looked up by their dotted name, first as
 * a flat key, then through nested maps (a FEEL context arrives as one); a missing value is empty.
 */
final class TemplateText {

  private static final String NAME = "[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)*";
  private static final Pattern SECTION =
      Pattern.compile("\\{\\{#\\s*(" + NAME + ")\\s*}}(.*?)\\{\\{/\\s*\\1\\s*}}", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("\\{\\{\\s*(" + NAME + ")\\s*}}");
  private static final Pattern ANY_TAG = Pattern.compile("\\{\\{[#/]?\\s*(" + NAME + ")\\s*}}");

  private TemplateText() {}

  /** Every name the text refers to, as a value or a section, in order of appearance. */
  static Set<String> names(final String text) {
    final Set<String> names = new LinkedHashSet<>();
    final Matcher tag = ANY_TAG.matcher(text == null ? "" : text);
    while (tag.find()) {
      names.add(tag.group(1));
    }
    return names;
  }

  /** The text with sections resolved and every placeholder replaced by its escaped value. */
  static String render(
      final String text, final Map<String, ?> values, final UnaryOperator<String> escape) {
    if (text == null) {
      return null;
    }
    final String sectioned =
        SECTION
            .matcher(text)
            .replaceAll(
                section ->
                    Matcher.quoteReplacement(
                        valueOf(values, section.group(1)).isBlank() ? "" : section.group(2)));
    return VALUE
        .matcher(sectioned)
        .replaceAll(
            placeholder ->
                Matcher.quoteReplacement(escape.apply(valueOf(values, placeholder.group(1)))));
  }

  /** The value of a dotted name, or empty. */
  static String valueOf(final Map<String, ?> values, final String name) {
    if (values == null) {
      return "";
    }
    if (values.containsKey(name)) {
      return text(values.get(name));
    }
    Object current = values;
    for (final String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return "";
      }
      current = map.get(part);
    }
    return text(current);
  }

  private static String text(final Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /** HTML's five special characters as entities, so a value can never become markup. */
  static String escapeHtml(final String value) {
    final StringBuilder escaped = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
