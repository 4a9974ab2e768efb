package io.flowdesk.app.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the incident and request records, approvals and sign-in links hold about one person, read
 * for an export and scrubbed for an erasure. Records name people by username (caller, assignee,
 * requester, journal author, approver, attachment uploader), which stays: it keeps the records
 * whole. What is scrubbed is contact data typed into their text (the person's name or email in a
 * description, a request's title or answers, a resolution note or a journal entry).
 */
@Component
class PersonalRecords {

  // Incident columns people type into (and their limits, which a longer pseudonym must respect).
  private static final List<TextColumn> INCIDENT_TEXT =
      List.of(
          new TextColumn("short_description", 160),
          new TextColumn("description", 10_000),
          new TextColumn("configuration_item", 200),
          new TextColumn("on_hold_reason", 1_000),
          new TextColumn("resolution_notes", 10_000));

  // The records' audit trails with the trigger that keeps each append-only.
  private static final Map<String, String> AUDIT_TRAILS =
      Map.of(
          "domain.incident_audit", "incident_audit_append_only",
          "domain.request_audit", "request_audit_append_only");

  private record TextColumn(String name, int limit) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  PersonalRecords(final JdbcClient jdbc, final ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The incidents the person reported or is assigned to (their fields, with {@code relation} saying
   * which), oldest first.
   */
  JsonNode incidents(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(to_jsonb(i) || jsonb_build_object('relation',
                 array_remove(ARRAY[CASE WHEN i.caller = :username THEN 'caller' END,
                                    CASE WHEN i.assignee = :username THEN 'assignee' END], NULL))
                 ORDER BY i.id), '[]'::jsonb)
          FROM domain.incident i
         WHERE i.caller = :username OR i.assignee = :username
        """,
        username);
  }

  /** Every journal entry (comment or work note) the person wrote, with its incident's number. */
  JsonNode journalEntries(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('incident', i.number, 'id', j.id,
                 'kind', j.kind, 'text', j.text, 'createdAt', j.created_at) ORDER BY j.id),
                 '[]'::jsonb)
          FROM domain.incident_journal j JOIN domain.incident i ON i.id = j.incident_id
         WHERE j.author = :username
        """,
        username);
  }

  /** What the person attached (name, type, size, when; not the content), with the incident. */
  JsonNode attachments(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('incident', i.number, 'id', a.id,
                 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size,
                 'uploadedAt', a.uploaded_at) ORDER BY a.id), '[]'::jsonb)
          FROM domain.incident_attachment a JOIN domain.incident i ON i.id = a.incident_id
         WHERE a.uploaded_by = :username
        """,
        username);
  }

  /**
   * The requests the person ordered or that were ordered for them (with {@code relation} saying
   * which), oldest first.
   */
  JsonNode requests(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object('relation',
                 array_remove(ARRAY[CASE WHEN r.requester = :username THEN 'requester' END,
                                    CASE WHEN r.requested_for = :username
                                         THEN 'requestedFor' END], NULL))
                 ORDER BY r.id), '[]'::jsonb)
          FROM domain.request r
         WHERE r.requester = :username OR r.requested_for = :username
        """,
        username);
  }

  /** Every journal entry the person wrote on a request, with the request's number. */
  JsonNode requestJournalEntries(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('request', r.number, 'id', j.id,
                 'kind', j.kind, 'text', j.text, 'createdAt', j.created_at) ORDER BY j.id),
                 '[]'::jsonb)
          FROM domain.request_journal j JOIN domain.request r ON r.id = j.request_id
         WHERE j.author = :username
        """,
        username);
  }

  /** The person's decisions on approvals (approved, rejected, delegated), with what was asked. */
  JsonNode approvalDecisions(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('approval', a.id,
                 'record', a.record_number, 'subject', a.subject, 'action', s.action,
                 'comment', s.comment, 'onBehalfOf', s.on_behalf_of, 'handedTo', s.handed_to,
                 'at', s.at) ORDER BY s.id), '[]'::jsonb)
          FROM domain.approval_step s JOIN domain.approval a ON a.id = s.approval_id
         WHERE s.actor = :username
        """,
        username);
  }

  /** The single sign-on accounts (issuer and subject) linked to the person. */
  JsonNode externalIdentities(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('issuer', e.issuer,
                 'subject', e.subject, 'linkedAt', e.linked_at,
                 'lastSignedIn', e.last_signed_in) ORDER BY e.linked_at), '[]'::jsonb)
          FROM flowdesk.external_identity e
         WHERE e.username = :username
        """,
        username);
  }

  /** The password links issued to the person: when and what for, never the token. */
  JsonNode passwordLinks(final String username) {
    return document(
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('purpose', l.purpose,
                 'createdAt', l.created_at, 'expiresAt', l.expires_at, 'usedAt', l.used_at,
                 'supersededAt', l.superseded_at) ORDER BY l.id), '[]'::jsonb)
          FROM flowdesk.password_link l
         WHERE l.username = :username
        """,
        username);
  }

  /**
   * Deletes what links the person to a way of signing in: their single sign-on accounts, their
   * password links and their notification preferences.
   */
  void forgetSignInLinks(final String username) {
    for (final String table :
        List.of(
            "flowdesk.external_identity",
            "flowdesk.password_link",
            "domain.notification_preference")) {
      jdbc.sql("DELETE FROM " + table + " WHERE username = :username")
          .param("username", username)
          .update();
    }
  }

  /**
   * Replaces each of the texts (a name, an email; matched without regard to case) by the pseudonym
   * in every incident's and request's typed text and every journal entry, cut to the column's limit
   * (a request's answers stay JSON: a text with a quote or backslash is not looked for there).
   * Numbers, states, times, versions and who did what stay as they were.
   *
   * @return how many incidents and journal entries changed
   */
  int scrub(final List<String> texts, final String pseudonym) {
    int changed = 0;
    for (final String text : texts) {
      if (text == null || text.isBlank()) {
        continue;
      }
      for (final TextColumn column : INCIDENT_TEXT) {
        changed += replace("domain.incident", column, text, pseudonym);
      }
      changed +=
          replace("domain.incident_journal", new TextColumn("text", 10_000), text, pseudonym);
      changed += replace("domain.request", new TextColumn("title", 255), text, pseudonym);
      if (!text.contains("\"") && !text.contains("\\")) {
        changed += scrubAnswers(text, pseudonym);
      }
      changed += replace("domain.request_journal", new TextColumn("text", 10_000), text, pseudonym);
    }
    for (final Map.Entry<String, String> trail : AUDIT_TRAILS.entrySet()) {
      changed += scrubAuditTrail(trail.getKey(), trail.getValue(), texts, pseudonym);
    }
    return changed;
  }

  /**
   * The records' audit trails keep the old and new text of each change (a description, a comment),
   * so the contact data is there too, and the domain's trigger refuses every rewrite of them. It is
   * switched off for this transaction only: the ALTER holds the table's exclusive lock until the
   * commit, so no other change slips through meanwhile, and a failure rolls the switch back with
   * everything else. Only the text values change; who, when and which field stay.
   */
  private int scrubAuditTrail(
      final String table, final String trigger, final List<String> texts, final String pseudonym) {
    jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger).update();
    int changed = 0;
    for (final String text : texts) {
      if (text == null || text.isBlank()) {
        continue;
      }
      changed +=
          jdbc.sql(
                  """
                  UPDATE %s
                     SET old_value = regexp_replace(old_value, '***=' || :text, :pseudonym, 'gi'),
                         new_value = regexp_replace(new_value, '***=' || :text, :pseudonym, 'gi')
                   WHERE strpos(lower(old_value), lower(:text)) > 0
                      OR strpos(lower(new_value), lower(:text)) > 0
                  """
                      .formatted(table))
              .param("text", text)
              .param("pseudonym", pseudonym)
              .update();
    }
    jdbc.sql("ALTER TABLE " + table + " ENABLE TRIGGER " + trigger).update();
    return changed;
  }

  // Within the JSON text of the answers: the name or email is found inside string values.
  private int scrubAnswers(final String text, final String pseudonym) {
    return jdbc.sql(
            """
            UPDATE domain.request
               SET answers = regexp_replace(answers::text, '***=' || :text, :pseudonym, 'gi')::jsonb
             WHERE strpos(lower(answers::text), lower(:text)) > 0
            """)
        .param("text", text)
        .param("pseudonym", pseudonym)
        .update();
  }

  private int replace(
      final String table, final TextColumn column, final String text, final String pseudonym) {
    // "***=" makes PostgreSQL take the rest of the pattern literally, whatever characters it has.
    return jdbc.sql(
            "UPDATE "
                + table
                + " SET "
                + column.name()
                + " = left(regexp_replace("
                + column.name()
                + ", '***=' || :text, :pseudonym, 'gi'), :limit)"
                + " WHERE strpos(lower("
                + column.name()
                + "), lower(:text)) > 0")
        .param("text", text)
        .param("pseudonym", pseudonym)
        .param("limit", column.limit())
        .update();
  }

  private JsonNode document(final String sql, final String username) {
    final String text = jdbc.sql(sql).param("username", username).query(String.class).single();
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("PostgreSQL answered JSON that does not parse", e);
    }
  }
}
