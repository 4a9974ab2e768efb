package io.flowdesk.domain.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JSON body of an event, written once when the event becomes deliveries, so every attempt and
 * every replay sends (and signs) the same bytes. The shape is documented in the app's README.
 */
final class WebhookPayloads {

  /** Per record kind: its table and the column receivers see as its title. */
  private record Source(String table, String title) {}

  private static final Map<String, Source> SOURCES =
      Map.of(
          "incident", new Source("incident", "short_description"),
          "request", new Source("request", "title"),
          "change", new Source("change_request", "short_description"),
          "problem", new Source("problem", "short_description"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  WebhookPayloads(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  String forRecordEvent(final String eventId, final String type, final OutboxRow row) {
    final ObjectNode event = envelope(eventId, type, row.occurredAt());
    final Source source = SOURCES.get(row.kind());
    final ObjectNode record = event.putObject("record");
    record.put("kind", row.kind());
    record.put("id", row.recordId());
    jdbc.sql(
            "SELECT number, "
                + source.title()
                + " AS title FROM domain."
                + source.table()
                + " WHERE id = :id")
        .param("id", row.recordId())
        .query(
            (rs, n) -> {
              record.put("number", rs.getString("number"));
              return record.put("title", rs.getString("title"));
            })
        .optional();
    event.put("actor", row.actor());
    final ObjectNode data = event.putObject("data");
    if (row.source().equals("comment")) {
      // The trigger only copies COMMENT entries; asking for the kind again keeps a work note out
      // even if a row got here some other way.
      data.put("commentId", row.journalId());
      data.put(
          "text",
          jdbc.sql(
                  "SELECT text FROM domain."
                      + source.table()
                      + "_journal WHERE id = :id AND kind = 'COMMENT'")
              .param("id", row.journalId())
              .query(String.class)
              .optional()
              .orElse(""));
    } else if (row.oldValue() == null) {
      data.put("state", row.newValue());
    } else {
      data.put("from", row.oldValue());
      data.put("to", row.newValue());
    }
    return write(event);
  }

  String forTest(final String eventId, final Instant at) {
    final ObjectNode event = envelope(eventId, WebhookEventTypes.TEST, at);
    event.putObject("data").put("message", "A test event sent from Flowdesk's admin pages.");
    return write(event);
  }

  private static ObjectNode envelope(final String eventId, final String type, final Instant at) {
    final ObjectNode event = JSON.createObjectNode();
    event.put("id", eventId);
    event.put("type", type);
    event.put("occurredAt", at.toString());
    return event;
  }

  private static String write(final ObjectNode event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of texts and numbers is always JSON", e);
    }
  }

  /** One row of {@code domain.webhook_outbox}. */
  record OutboxRow(
      long id,
      String kind,
      long recordId,
      String source,
      String oldValue,
      String newValue,
      Long journalId,
      String actor,
      Instant occurredAt) {}
}
