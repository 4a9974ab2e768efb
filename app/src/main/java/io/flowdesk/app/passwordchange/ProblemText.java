package io.flowdesk.app.passwordchange;

/** A text as the inside of a JSON string, for the hand-written problem documents of the gates. */
final class ProblemText {

  private ProblemText() {}

  static String json(final String text) {
    final StringBuilder escaped = new StringBuilder(text.length());
    for (final char c : text.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
