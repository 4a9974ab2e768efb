package io.flowdesk.domain.incident;

import io.flowdesk.domain.incident.IncidentChange.Field;
import io.flowdesk.domain.record.RecordAudit;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordKind;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incident records: create, change with an audit trail, journal, attachments, watchers and search.
 * Every method is one transaction; a failed call writes nothing. Numbers, audit trail, journal,
 * attachments, watchers and once-per-job changes are the shared {@link RecordCore}'s.
 *
 * <p>Tables {@code domain.incident}, {@code incident_audit} (append-only, enforced by the
 * database), {@code incident_job} (job keys already applied), {@code incident_journal} and {@code
 * incident_attachment}. A change locks the incident's row, so concurrent changes apply one after
 * the other and each one's audit entries show the value it really replaced.
 */
public class IncidentRecords {

  /** Largest attachment accepted, in bytes (10 MiB). */
  public static final long MAX_ATTACHMENT_BYTES = RecordCore.MAX_ATTACHMENT_BYTES;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final RecordCore core;
  private final RecordAudit audit;
  private final IncidentSearch search;
  private final IncidentCis cis;
  private final MajorIncidents major;

  /** Records on {@code dataSource} with their own JDBC transactions (tests, tools). */
  public IncidentRecords(final DataSource dataSource) {
    this(dataSource, new DataSourceTransactionManager(dataSource));
  }

  /**
   * Records on {@code dataSource}, in transactions of {@code transactionManager} (the
   * application's, so a caller's surrounding transaction is joined).
   */
  public IncidentRecords(
      final DataSource dataSource, final PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
    this.core =
        new RecordCore(
            dataSource,
            transactionManager,
            RecordKind.INCIDENT,
            id -> new IncidentNotFoundException(String.valueOf(id)));
    this.audit = core.audit();
    this.search = new IncidentSearch(jdbc);
    final RecordAudit changeAudit =
        new RecordCore(
                dataSource,
                transactionManager,
                RecordKind.CHANGE,
                id -> new IllegalArgumentException("there is no change " + id))
            .audit();
    this.cis = new IncidentCis(jdbc, tx, audit, new PossibleCauses(jdbc, audit, changeAudit));
    this.major = new MajorIncidents(jdbc, tx, audit);
  }

  /** Major incidents and their children. */
  public MajorIncidents major() {
    return major;
  }

  /** The incident's configuration items (by CMDB id) and the changes that possibly caused it. */
  public IncidentCis cis() {
    return cis;
  }

  /**
   * The shared mechanics of incidents (journal, attachments, audit trail) in the record core's
   * terms, for code that serves every kind of record alike (the app's record pages and APIs).
   */
  public RecordCore core() {
    return core;
  }

  /**
   * Records a newly reported incident in state NEW with the next number (INC0000001, ...); the
   * creation is the first audit entries (one per given field, old value null).
   *
   * @throws IllegalArgumentException naming the field when caller/short description/impact/urgency
   *     are missing or a text exceeds its column
   */
  public Incident report(final NewIncident incident, final ChangeSource source) {
    IncidentValidation.validate(incident);
    IncidentValidation.validateSource(source);
    return tx.execute(
        status -> {
          final String number = core.nextNumber();
          final long id =
              jdbc.sql(
                      """
                      INSERT INTO domain.incident (number, caller, short_description, description,
                        category, configuration_item, impact, urgency, state)
                      VALUES (:number, :caller, :shortDescription, :description, :category,
                        :configurationItem, :impact, :urgency, 'NEW')
                      RETURNING id
                      """)
                  .param("number", number)
                  .param("caller", incident.caller())
                  .param("shortDescription", incident.shortDescription())
                  .param("description", incident.description())
                  .param("category", incident.category())
                  .param("configurationItem", incident.configurationItem())
                  .param("impact", incident.impact().name())
                  .param("urgency", incident.urgency().name())
                  .query(Long.class)
                  .single();
          final Map<String, Object> given = new LinkedHashMap<>();
          given.put("number", number);
          given.put("state", IncidentState.NEW);
          given.put("caller", incident.caller());
          given.put(Field.SHORT_DESCRIPTION.auditName(), incident.shortDescription());
          given.put(Field.DESCRIPTION.auditName(), incident.description());
          given.put(Field.CATEGORY.auditName(), incident.category());
          given.put(Field.CONFIGURATION_ITEM.auditName(), incident.configurationItem());
          given.put(Field.IMPACT.auditName(), incident.impact());
          given.put(Field.URGENCY.auditName(), incident.urgency());
          given.forEach(
              (field, value) -> {
                if (value != null) {
                  audit.record(id, source, field, null, IncidentColumns.toAuditText(value));
                }
              });
          return load(id);
        });
  }

  /**
   * Applies the change, writing one audit entry per field whose value differs, and bumps {@code
   * version} when anything changed. A change from a job whose key was already applied to this
   * incident changes nothing and answers the incident as it is (a retried job is idempotent). State
   * changes follow the life cycle (NEW → IN_PROGRESS/ON_HOLD/RESOLVED/CANCELED; IN_PROGRESS ↔
   * ON_HOLD; IN_PROGRESS/ON_HOLD → RESOLVED or CANCELED; RESOLVED → CLOSED or back to IN_PROGRESS;
   * CLOSED and CANCELED are final). Setting the current state again is no transition.
   *
   * @throws IncidentNotFoundException no such incident
   * @throws IllegalTransitionException the state change is not allowed
   * @throws IllegalArgumentException naming the field when a value is missing or too long
   */
  public Incident change(
      final long incidentId, final IncidentChange change, final ChangeSource source) {
    IncidentValidation.validate(change);
    IncidentValidation.validateSource(source);
    return tx.execute(
        status -> {
          final Incident current = lock(incidentId);
          if (source.jobKey() != null && !core.firstApplicationOf(incidentId, source.jobKey())) {
            return current;
          }
          final Map<Field, Object> differing = new LinkedHashMap<>();
          change
              .values()
              .forEach(
                  (field, value) -> {
                    final Object wanted = normalized(value);
                    if (!Objects.equals(IncidentColumns.valueOf(current, field), wanted)) {
                      differing.put(field, wanted);
                    }
                  });
          if (differing.containsKey(Field.STATE)) {
            IncidentLifecycle.requireAllowed(
                current.number(), current.state(), (IncidentState) differing.get(Field.STATE));
          }
          if (differing.isEmpty()) {
            return current;
          }
          update(current, differing);
          differing.forEach(
              (field, value) ->
                  audit.record(
                      incidentId,
                      source,
                      field.auditName(),
                      IncidentColumns.toAuditText(IncidentColumns.valueOf(current, field)),
                      IncidentColumns.toAuditText(value)));
          return load(incidentId);
        });
  }

  public Optional<Incident> find(final long incidentId) {
    return jdbc.sql(IncidentColumns.SELECT + " WHERE id = :id")
        .param("id", incidentId)
        .query(IncidentColumns::map)
        .optional();
  }

  /**
   * The incidents with these ids, by id, in one query (a page of tasks or rows asks for all of its
   * records at once); ids that match no incident are left out.
   */
  public Map<Long, Incident> findAll(final Collection<Long> incidentIds) {
    if (incidentIds == null || incidentIds.isEmpty()) {
      return Map.of();
    }
    final Map<Long, Incident> found = new HashMap<>();
    jdbc.sql(IncidentColumns.SELECT + " WHERE id IN (:ids)")
        .param("ids", List.copyOf(new HashSet<>(incidentIds)))
        .query(IncidentColumns::map)
        .list()
        .forEach(incident -> found.put(incident.id(), incident));
    return found;
  }

  public Optional<Incident> findByNumber(final String number) {
    if (number == null) {
      return Optional.empty();
    }
    return jdbc.sql(IncidentColumns.SELECT + " WHERE number = :number")
        .param("number", number)
        .query(IncidentColumns::map)
        .optional();
  }

  /**
   * A page of incidents matching {@code query}; sortable by {@code number}, {@code priority},
   * {@code state} (in life-cycle order), {@code createdAt}, {@code updatedAt}, {@code
   * resolutionDue}, {@code breached} (breached first when descending); empty values sort last.
   * Unsorted pages are newest first. Unknown sort properties are an IllegalArgumentException naming
   * the property.
   */
  public Page<Incident> search(final IncidentQuery query, final Pageable page) {
    return search.search(query, page);
  }

  /**
   * Adds a comment or work note (not blank, at most 10,000 characters); bumps updatedAt and writes
   * an audit entry: field {@code comment} with a one-line summary as new value, or field {@code
   * workNote} with no value. A work note's words stay in the journal only, which keeps them from
   * callers; the audit trail is read by more views than the journal's filter guards. A job adds one
   * entry of each kind per incident: a retried job gets its first entry back and changes nothing.
   */
  public JournalEntry addJournalEntry(
      final long incidentId, final JournalKind kind, final String text, final ChangeSource source) {
    if (kind == null) {
      throw new IllegalArgumentException("journal kind is required");
    }
    return journalEntry(
        core.addJournalEntry(
            incidentId, io.flowdesk.domain.record.JournalKind.valueOf(kind.name()), text, source));
  }

  /** The journal, oldest first; work notes only when {@code includeWorkNotes}. */
  public List<JournalEntry> journal(final long incidentId, final boolean includeWorkNotes) {
    return core.journal(incidentId, includeWorkNotes).stream()
        .map(IncidentRecords::journalEntry)
        .toList();
  }

  /** The audit trail, oldest first. */
  public List<AuditEntry> auditTrail(final long incidentId) {
    return core.audit().of(incidentId).stream()
        .map(
            entry ->
                new AuditEntry(
                    entry.id(),
                    entry.recordId(),
                    entry.actor(),
                    entry.jobKey(),
                    entry.at(),
                    entry.field(),
                    entry.oldValue(),
                    entry.newValue()))
        .toList();
  }

  /**
   * Stores an attachment; more than {@link #MAX_ATTACHMENT_BYTES} is refused with an
   * IllegalArgumentException naming the limit, and nothing is stored. The stream is read up to the
   * limit and one byte more, never further, and is not closed here. The file name is reduced to its
   * last path segment without control characters; a missing content type is {@code
   * application/octet-stream}. Bumps updatedAt and writes an audit entry (field {@code
   * attachment}).
   */
  public Attachment attach(
      final long incidentId,
      final String fileName,
      final String contentType,
      final InputStream content,
      final ChangeSource source) {
    return attachment(core.attach(incidentId, fileName, contentType, content, source));
  }

  /** The incident's attachments (without content), oldest first. */
  public List<Attachment> attachments(final long incidentId) {
    return core.attachments(incidentId).stream().map(IncidentRecords::attachment).toList();
  }

  /** The attachment's bytes, only when it belongs to {@code incidentId}. */
  public Optional<byte[]> attachmentContent(final long incidentId, final long attachmentId) {
    return core.attachmentContent(incidentId, attachmentId);
  }

  /** Adds {@code username} to the incident's watchers (audited; twice changes nothing). */
  public void watch(final long incidentId, final String username, final ChangeSource source) {
    core.watch(incidentId, username, source);
  }

  /** Removes {@code username} from the incident's watchers (audited). */
  public void unwatch(final long incidentId, final String username, final ChangeSource source) {
    core.unwatch(incidentId, username, source);
  }

  /** The incident's watchers' usernames. */
  public List<String> watchers(final long incidentId) {
    return core.watchers(incidentId);
  }

  private Incident lock(final long incidentId) {
    return jdbc.sql(IncidentColumns.SELECT + " WHERE id = :id FOR UPDATE")
        .param("id", incidentId)
        .query(IncidentColumns::map)
        .optional()
        .orElseThrow(() -> new IncidentNotFoundException(String.valueOf(incidentId)));
  }

  private Incident load(final long incidentId) {
    return find(incidentId)
        .orElseThrow(() -> new IncidentNotFoundException(String.valueOf(incidentId)));
  }

  private void update(final Incident current, final Map<Field, Object> differing) {
    final StringBuilder sql = new StringBuilder("UPDATE domain.incident SET ");
    final Map<String, Object> params = new LinkedHashMap<>();
    differing.forEach(
        (field, value) -> {
          final String column = IncidentColumns.column(field);
          sql.append(column).append(" = :").append(column).append(", ");
          params.put(column, IncidentColumns.toDatabase(value));
        });
    sql.append("version = :version, updated_at = now() WHERE id = :id");
    // The row is locked, so the version read is the latest and the next one is exactly one more.
    params.put("version", current.version() + 1);
    params.put("id", current.id());
    jdbc.sql(sql.toString()).params(params).update();
  }

  /** The database keeps microseconds; comparing finer instants would see changes that are none. */
  private static Object normalized(final Object value) {
    return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS) : value;
  }

  private static JournalEntry journalEntry(final io.flowdesk.domain.record.JournalEntry entry) {
    return new JournalEntry(
        entry.id(),
        entry.recordId(),
        JournalKind.valueOf(entry.kind().name()),
        entry.author(),
        entry.text(),
        entry.createdAt());
  }

  private static Attachment attachment(final io.flowdesk.domain.record.Attachment attachment) {
    return new Attachment(
        attachment.id(),
        attachment.recordId(),
        attachment.fileName(),
        attachment.contentType(),
        attachment.size(),
        attachment.uploadedBy(),
        attachment.uploadedAt());
  }
}
