package io.flowdesk.connectors.rpa;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} references inside script strings. Plain text substitution on purpose: connectors
 * know nothing of the engine's expression language.
 */
final class Template {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private Template() {}

  /** The names referenced by {@code template}, in order of first appearance. */
  static Set<String> references(final String template) {
    final Set<String> names = new LinkedHashSet<>();
    final Matcher matcher = REFERENCE.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** {@code template} with every reference replaced by {@code valueOf(name)}. */
  static String substitute(final String template, final UnaryOperator<String> valueOf) {
    final Matcher matcher = REFERENCE.matcher(template);
    final StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(valueOf.apply(matcher.group(1))));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
