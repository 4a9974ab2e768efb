package io.flowdesk.app.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the incident and request records, approvals and sign-in links hold about one person, read
 * for an export; the sign-in links are deleted by an erasure (the domain pseudonymises the records
 * itself: {@code io.flowdesk.domain.privacy.Pseudonymisation}). Records name people by username
 * (caller, assignee, requester, journal author, approver, attachment uploader).
 */
@Component
class PersonalRecords {

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
   * Deletes what links the person to a way of signing in or reading without signing in: their
   * single sign-on accounts, their password links and their change calendar feed address.
   */
  void forgetSignInLinks(final String username) {
    for (final String table : List.of("flowdesk.external_identity", "flowdesk.password_link")) {
      jdbc.sql("DELETE FROM " + table + " WHERE username = :username")
          .param("username", username)
          .update();
    }
    jdbc.sql("DELETE FROM flowdesk.calendar_feed WHERE owner = :username")
        .param("username", username)
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
