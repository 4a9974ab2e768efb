package io.flowdesk.connectors.rpa;

/**
 * The useful line of a Playwright error. Its full message embeds the driver's JavaScript stack and
 * call log, which say nothing to someone reading an incident.
 */
final class PlaywrightMessages {

  private static final String MESSAGE = "message='";

  private PlaywrightMessages() {}

  static String firstLine(final Throwable e) {
    final String message = String.valueOf(e.getMessage());
    final int start = message.indexOf(MESSAGE);
    final String text = start >= 0 ? message.substring(start + MESSAGE.length()) : message;
    final int end = text.indexOf('\n');
    return (end >= 0 ? text.substring(0, end) : text).strip();
  }
}
