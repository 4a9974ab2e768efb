package io.flowdesk.connectors.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message for a Slack incoming webhook.
 *
 * @param text Slack mrkdwn; shown as the message, or as the notification text when there are blocks
 * @param blocks Block Kit blocks as JSON-like maps and lists, or empty
 */
public record SlackMessage(String text, List<Map<String, Object>> blocks) {

  public SlackMessage {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Slack message has no text");
    }
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /**
   * Plain text shown as written: {@code &}, {@code <} and {@code >} are escaped so that Slack does
   * not read them as links or mentions.
   */
  public static SlackMessage plainText(final String text) {
    return new SlackMessage(escape(text), List.of());
  }

  /** Escapes text for use inside mrkdwn. */
  public static String escape(final String text) {
    if (text == null) {
      return null;
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  Map<String, Object> payload() {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("text", text);
    if (!blocks.isEmpty()) {
      payload.put("blocks", blocks);
    }
    return payload;
  }
}
