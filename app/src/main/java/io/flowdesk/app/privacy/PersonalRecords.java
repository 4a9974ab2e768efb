package io.flowdesk.app.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the incident records hold about one person, read for an export and scrubbed for an erasure.
 * Records name people by username (caller, assignee, journal author, attachment uploader), which
 * stays: it keeps the records whole. What is scrubbed is contact data typed into their text (the
 * person's name or email in a description, a resolution note or a journal entry).
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
   * Replaces each of the texts (a name, an email; matched without regard to case) by the pseudonym
   * in every incident's typed text and every journal entry, cut to the column's limit. Numbers,
   * states, times, versions and who did what stay as they were.
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
    }
    return changed + scrubIncidentAuditTrail(texts, pseudonym);
  }

  /**
   * The incidents' audit trail keeps the old and new text of each change (a description, a
   * comment), so the contact data is there too, and the domain's trigger refuses every rewrite of
   * it. It is switched off for this transaction only: the ALTER holds the table's exclusive lock
   * until the commit, so no other change slips through meanwhile, and a failure rolls the switch
   * back with everything else. Only the text values change; who, when and which field stay.
   */
  private int scrubIncidentAuditTrail(final List<String> texts, final String pseudonym) {
    jdbc.sql("ALTER TABLE domain.incident_audit DISABLE TRIGGER incident_audit_append_only")
        .update();
    int changed = 0;
    for (final String text : texts) {
      if (text == null || text.isBlank()) {
        continue;
      }
      changed +=
          jdbc.sql(
                  """
                  UPDATE domain.incident_audit
                     SET old_value = regexp_replace(old_value, '***=' || :text, :pseudonym, 'gi'),
                         new_value = regexp_replace(new_value, '***=' || :text, :pseudonym, 'gi')
                   WHERE strpos(lower(old_value), lower(:text)) > 0
                      OR strpos(lower(new_value), lower(:text)) > 0
                  """)
              .param("text", text)
              .param("pseudonym", pseudonym)
              .update();
    }
    jdbc.sql("ALTER TABLE domain.incident_audit ENABLE TRIGGER incident_audit_append_only")
        .update();
    return changed;
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
