package io.flowdesk.domain.incident;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * Incident records: create, change with an audit trail, journal, attachments and search. Every
 * method is one transaction; a failed call writes nothing.
 *
 * <p>CONTRACT SKELETON: the bodies are filled in by the domain work; the signatures are what the
 * process workers and the app build on.
 */
public class IncidentRecords {

  /** Largest attachment accepted, in bytes (10 MiB). */
  public static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

  /**
   * Records a newly reported incident in state NEW with the next number (INC0000001, ...); the
   * creation is the first audit entries (one per given field, old value null).
   *
   * @throws IllegalArgumentException naming the field when caller/short description/impact/urgency
   *     are missing or a text exceeds its column
   */
  public Incident report(final NewIncident incident, final ChangeSource source) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /**
   * Applies the change, writing one audit entry per field whose value differs, and bumps {@code
   * version}. A change from a job whose key was already applied to this incident changes nothing
   * and answers the incident as it is (a retried job is idempotent). State changes follow the life
   * cycle (NEW → IN_PROGRESS/ON_HOLD/RESOLVED/CANCELED; IN_PROGRESS ↔ ON_HOLD; → RESOLVED; RESOLVED
   * → CLOSED or back to IN_PROGRESS; CLOSED and CANCELED are final).
   *
   * @throws IncidentNotFoundException no such incident
   * @throws IllegalTransitionException the state change is not allowed
   */
  public Incident change(
      final long incidentId, final IncidentChange change, final ChangeSource source) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public Optional<Incident> find(final long incidentId) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public Optional<Incident> findByNumber(final String number) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /**
   * A page of incidents matching {@code query}; sortable by {@code number}, {@code priority},
   * {@code state}, {@code createdAt}, {@code updatedAt}, {@code resolutionDue}, {@code breached}
   * (breached first when descending). Unknown sort properties are an IllegalArgumentException.
   */
  public Page<Incident> search(final IncidentQuery query, final Pageable page) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** Adds a comment or work note (not blank, at most 10,000 characters); bumps updatedAt. */
  public JournalEntry addJournalEntry(
      final long incidentId, final JournalKind kind, final String text, final ChangeSource source) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** The journal, oldest first; work notes only when {@code includeWorkNotes}. */
  public List<JournalEntry> journal(final long incidentId, final boolean includeWorkNotes) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** The audit trail, oldest first. */
  public List<AuditEntry> auditTrail(final long incidentId) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /**
   * Stores an attachment; more than {@link #MAX_ATTACHMENT_BYTES} is refused with an
   * IllegalArgumentException naming the limit, and nothing is stored. The file name is reduced to
   * its last path segment.
   */
  public Attachment attach(
      final long incidentId,
      final String fileName,
      final String contentType,
      final InputStream content,
      final ChangeSource source) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public List<Attachment> attachments(final long incidentId) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** The attachment's bytes, only when it belongs to {@code incidentId}. */
  public Optional<byte[]> attachmentContent(final long incidentId, final long attachmentId) {
    throw new UnsupportedOperationException("contract skeleton");
  }
}
