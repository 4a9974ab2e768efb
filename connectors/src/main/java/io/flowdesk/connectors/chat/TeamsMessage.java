package io.flowdesk.connectors.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message for a Microsoft Teams incoming webhook: a legacy MessageCard or an Adaptive Card. */
public sealed interface TeamsMessage {

  /** The JSON body posted to the webhook. */
  Map<String, Object> payload();

  /**
   * An Office 365 connector card: a title, a Markdown text and an accent colour.
   *
   * @param themeColor hex colour without {@code #} (e.g. {@code D13438}), or null
   */
  record MessageCard(String title, String text, String themeColor) implements TeamsMessage {

    public MessageCard {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("Teams message card has no text");
      }
      if (themeColor != null && !themeColor.matches("[0-9A-Fa-f]{6}")) {
        throw new IllegalArgumentException(
            "theme colour '" + themeColor + "' is not six hex digits");
      }
    }

    @Override
    public Map<String, Object> payload() {
      final Map<String, Object> card = new LinkedHashMap<>();
      card.put("@type", "MessageCard");
      card.put("@context", "https://schema.org/extensions");
      card.put("summary", title != null ? title : text);
      if (themeColor != null) {
        card.put("themeColor", themeColor);
      }
      if (title != null) {
        card.put("title", title);
      }
      card.put("text", text);
      return card;
    }
  }

  /**
   * An Adaptive Card, sent as the attachment of a message (the form both the classic connector and
   * Workflows webhooks accept).
   *
   * @param card the card itself: a map with {@code "type": "AdaptiveCard"}
   */
  record AdaptiveCard(Map<String, Object> card) implements TeamsMessage {

    public AdaptiveCard {
      if (card == null || !"AdaptiveCard".equals(card.get("type"))) {
        throw new IllegalArgumentException("Adaptive Card must have \"type\": \"AdaptiveCard\"");
      }
      card = Collections.unmodifiableMap(new LinkedHashMap<>(card));
    }

    /** A card with a bold title and a wrapped text. */
    public static AdaptiveCard titled(final String title, final String text) {
      final Map<String, Object> card = new LinkedHashMap<>();
      card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
      card.put("type", "AdaptiveCard");
      card.put("version", "1.4");
      card.put(
          "body",
          List.of(
              Map.of(
                  "type", "TextBlock",
                  "text", title,
                  "weight", "Bolder",
                  "size", "Medium",
                  "wrap", true),
              Map.of("type", "TextBlock", "text", text, "wrap", true)));
      return new AdaptiveCard(card);
    }

    @Override
    public Map<String, Object> payload() {
      final Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
      attachment.put("contentUrl", null);
      attachment.put("content", card);
      final Map<String, Object> message = new LinkedHashMap<>();
      message.put("type", "message");
      message.put("attachments", List.of(attachment));
      return message;
    }
  }
}
