package io.flowdesk.domain.notification;

import io.flowdesk.domain.directory.NotificationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events Flowdesk tells people about, each with one editable {@link NotificationTemplate}, the
 * variables its template may use and the preference group ({@link NotificationKind}) whose channels
 * the recipient chose. The key is what a BPMN task names in its {@code template} input.
 */
public enum NotificationEvent {
  INCIDENT_CREATED(
      "incident-created",
      "Incident created",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.priority",
      "record.link"),
  INCIDENT_COMMENTED(
      "incident-commented",
      "Incident commented",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "comment.author",
      "comment.text"),
  INCIDENT_RESOLVED(
      "incident-resolved",
      "Incident resolved",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "resolution.notes"),
  REQUEST_APPROVED(
      "request-approved",
      "Request approved",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "comment.text"),
  REQUEST_REJECTED(
      "request-rejected",
      "Request rejected",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "comment.text"),
  REQUEST_FULFILLED(
      "request-fulfilled",
      "Request fulfilled",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "comment.text"),
  MY_RECORD_COMMENTED(
      "my-record-commented",
      "My record commented (requester)",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.kind",
      "record.number",
      "record.title",
      "record.link",
      "comment.author",
      "comment.text"),
  MY_RECORD_STATE_CHANGED(
      "my-record-state-changed",
      "My record changed state (requester)",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.kind",
      "record.number",
      "record.title",
      "record.link",
      "change.author",
      "state.old",
      "state.new"),
  APPROVAL_NEEDED(
      "approval-needed",
      "Approval needed",
      NotificationKind.APPROVAL_REQUESTS,
      "person.name",
      "approval.subject",
      "approval.link",
      "approval.handedOverBy",
      "approval.escalatedFrom",
      "record.number"),
  APPROVAL_REMINDER(
      "approval-reminder",
      "Approval reminder",
      NotificationKind.APPROVAL_REQUESTS,
      "person.name",
      "approval.subject",
      "approval.link",
      "record.number"),
  CHANGE_SCHEDULED(
      "change-scheduled",
      "Change scheduled",
      NotificationKind.MY_RECORD_UPDATES,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "change.plannedStart",
      "change.plannedEnd"),
  SLA_WARNING(
      "sla-warning",
      "SLA warning",
      NotificationKind.SLA_BREACHES,
      "person.name",
      "record.number",
      "record.title",
      "record.priority",
      "record.group",
      "record.caller",
      "record.link",
      "sla.target",
      "sla.due"),
  SLA_RESPONSE_BREACH(
      "sla-response-breach",
      "Response SLA breached",
      NotificationKind.SLA_BREACHES,
      "person.name",
      "record.number",
      "record.title",
      "record.priority",
      "record.group",
      "record.caller",
      "record.link",
      "sla.due"),
  SLA_RESOLUTION_BREACH(
      "sla-resolution-breach",
      "Resolution SLA breached",
      NotificationKind.SLA_BREACHES,
      "person.name",
      "record.number",
      "record.title",
      "record.priority",
      "record.group",
      "record.caller",
      "record.link",
      "sla.due"),
  ASSIGNED_TO_ME(
      "assigned-to-me",
      "Assigned to an agent",
      NotificationKind.ASSIGNED_TO_ME,
      "person.name",
      "record.number",
      "record.title",
      "record.priority",
      "record.link",
      "assignment.by"),
  MAJOR_INCIDENT_COMMUNICATION(
      "major-incident-communication",
      "Major-incident communication",
      NotificationKind.WATCHED_RECORDS,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "communication.author",
      "communication.text"),
  WATCHED_RECORD_COMMENTED(
      "watched-record-commented",
      "Watched record commented",
      NotificationKind.WATCHED_RECORDS,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "comment.author",
      "comment.text"),
  WATCHED_RECORD_STATE_CHANGED(
      "watched-record-state-changed",
      "Watched record changed state",
      NotificationKind.WATCHED_RECORDS,
      "person.name",
      "record.number",
      "record.title",
      "record.link",
      "change.author",
      "state.old",
      "state.new");

  private final String key;
  private final String label;
  private final NotificationKind kind;
  private final List<String> variables;

  NotificationEvent(
      final String key,
      final String label,
      final NotificationKind kind,
      final String... variables) {
    this.key = key;
    this.label = label;
    this.kind = kind;
    this.variables = List.of(variables);
  }

  /** The name BPMN tasks and the admin page use, e.g. {@code incident-resolved}. */
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /** The preference group whose channels the recipient chose. */
  public NotificationKind kind() {
    return kind;
  }

  /** The placeholders its template may use, in the order the admin page lists them. */
  public List<String> variables() {
    return variables;
  }

  /** The event of {@code key} (as written in a BPMN task or a URL). */
  public static Optional<NotificationEvent> byKey(final String key) {
    return Arrays.stream(values()).filter(event -> event.key.equals(key)).findFirst();
  }
}
