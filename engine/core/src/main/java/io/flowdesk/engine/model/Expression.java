package io.flowdesk.engine.model;

/**
 * A value in a BPMN attribute: either static text, or a FEEL expression when the attribute starts
 * with {@code =} (Zeebe's convention). {@link #text} holds the FEEL source without the {@code =}.
 */
public record Expression(String text, boolean feel) {

  /** Reads an attribute value the way Zeebe does: a leading {@code =} makes it FEEL. */
  public static Expression of(final String attribute) {
    final String trimmed = attribute.strip();
    return trimmed.startsWith("=")
        ? new Expression(trimmed.substring(1), true)
        : new Expression(attribute, false);
  }

  /** A FEEL expression, e.g. a sequence flow condition or an io mapping source. */
  public static Expression feel(final String source) {
    return new Expression(source, true);
  }
}
