package io.flowdesk.domain.notification;

import java.util.Map;

/** What a variable looks like in a real notification, for previews and test sends. */
final class SampleValues {

  private static final Map<String, String> SAMPLES =
      Map.ofEntries(
          Map.entry("person.name", "Alice Example"),
          Map.entry("record.kind", "request"),
          Map.entry("record.number", "INC0001234"),
          Map.entry("record.title", "VPN drops every few minutes"),
          Map.entry("record.priority", "P2"),
          Map.entry("record.group", "network-team"),
          Map.entry("record.caller", "alice"),
          Map.entry("record.link", "https://flowdesk.example.com/portal/requests/INC0001234"),
          Map.entry("comment.author", "Anna Agent"),
          Map.entry("comment.text", "We are replacing the access point <b>today</b>."),
          Map.entry("resolution.notes", "Replaced the faulty access point on floor 3."),
          Map.entry("approval.subject", "New laptop for Alice"),
          Map.entry("approval.link", "https://flowdesk.example.com/approvals/42"),
          Map.entry("approval.handedOverBy", "Max Manager"),
          Map.entry("approval.escalatedFrom", ""),
          Map.entry("change.plannedStart", "2026-12-12T22:00:00Z"),
          Map.entry("change.plannedEnd", "2026-12-13T02:00:00Z"),
          Map.entry("sla.target", "resolution"),
          Map.entry("sla.due", "2026-12-07T16:00:00Z"),
          Map.entry("assignment.by", "Anna Agent"),
          Map.entry("communication.author", "Anna Agent"),
          Map.entry("communication.text", "Mail is down for everyone; next update at 14:00."),
          Map.entry("change.author", "Anna Agent"),
          Map.entry("state.old", "in progress"),
          Map.entry("state.new", "resolved"));

  private SampleValues() {}

  static String of(final String variable) {
    return SAMPLES.getOrDefault(variable, variable);
  }
}
