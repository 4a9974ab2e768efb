package io.flowdesk.domain.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events webhooks announce and how a record's state audit entry or public comment becomes them.
 * A state entry without an old value is the record's creation; a state change is announced as
 * {@code <kind>.state_changed} and, for the states receivers usually wait for, also under its own
 * name ({@code incident.resolved}, {@code request.approved}, {@code change.scheduled}, ...).
 */
public final class WebhookEventTypes {

  /** Sent by the admin page's "Send test event", never derived from a record. */
  public static final String TEST = "webhook.test";

  private static final List<String> KINDS = List.of("incident", "request", "change", "problem");

  /** Per kind, the states announced under their own event name. */
  private static final Map<String, Map<String, String>> NAMED_STATES =
      Map.of(
          "incident", Map.of("RESOLVED", "resolved", "CLOSED", "closed"),
          "request",
              Map.of("APPROVED", "approved", "REJECTED", "rejected", "FULFILLED", "fulfilled"),
          "change", Map.of("SCHEDULED", "scheduled", "CLOSED", "closed"),
          "problem", Map.of("RESOLVED", "resolved", "CLOSED", "closed"));

  /** Every event type a subscription may ask for, grouped by kind. */
  public static final List<String> ALL = all();

  private WebhookEventTypes() {}

  private static List<String> all() {
    final List<String> types = new ArrayList<>();
    for (final String kind : KINDS) {
      types.add(kind + ".created");
      types.add(kind + ".state_changed");
      NAMED_STATES.get(kind).values().stream()
          .sorted()
          .forEach(name -> types.add(kind + "." + name));
      types.add(kind + ".commented");
    }
    return List.copyOf(types);
  }

  /** The events one outbox row stands for. */
  static List<String> derive(
      final String kind, final String source, final String oldValue, final String newValue) {
    if (source.equals("comment")) {
      return List.of(kind + ".commented");
    }
    if (oldValue == null) {
      return List.of(kind + ".created");
    }
    final String named = NAMED_STATES.getOrDefault(kind, Map.of()).get(newValue);
    return named == null
        ? List.of(kind + ".state_changed")
        : List.of(kind + ".state_changed", kind + "." + named);
  }
}
