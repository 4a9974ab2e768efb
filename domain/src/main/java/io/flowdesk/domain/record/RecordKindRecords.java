package io.flowdesk.domain.record;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The record core's journal, attachments, audit trail and watchers offered on a kind's own records
 * class, so that callers of a kind (workers, the app's kind pages) need not reach into {@link
 * #core()}. A kind implements only {@link #core()} and what is specific to it.
 */
public interface RecordKindRecords {

  /** The shared mechanics of this kind's records. */
  RecordCore core();

  /**
   * Adds a comment or an internal work note (a job adds one of each kind per record, so a retried
   * job adds nothing twice).
   */
  default JournalEntry addJournalEntry(
      final long recordId, final JournalKind kind, final String text, final Actor actor) {
    return core().addJournalEntry(recordId, kind, text, actor);
  }

  /** The journal, oldest first; work notes only when {@code includeWorkNotes}. */
  default List<JournalEntry> journal(final long recordId, final boolean includeWorkNotes) {
    return core().journal(recordId, includeWorkNotes);
  }

  default List<AuditEntry> auditTrail(final long recordId) {
    return core().audit().of(recordId);
  }

  default Attachment attach(
      final long recordId,
      final String fileName,
      final String contentType,
      final InputStream content,
      final Actor actor) {
    return core().attach(recordId, fileName, contentType, content, actor);
  }

  default List<Attachment> attachments(final long recordId) {
    return core().attachments(recordId);
  }

  default Optional<byte[]> attachmentContent(final long recordId, final long attachmentId) {
    return core().attachmentContent(recordId, attachmentId);
  }

  default void watch(final long recordId, final String username, final Actor actor) {
    core().watch(recordId, username, actor);
  }

  default List<String> watchers(final long recordId) {
    return core().watchers(recordId);
  }
}
