package io.flowdesk.domain.record;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every kind of record shares: numbers, the append-only audit trail, the journal (comments and
 * internal work notes), attachments, watchers and once-per-job changes. Each kind (incident,
 * request, ...) keeps its own fields and life cycle and hands the rest to one of these. Methods
 * that write run in one transaction of the given manager, joining a surrounding one, so a failed
 * call writes nothing.
 *
 * <p>Plain SQL over the side tables {@link RecordKind} names: they are the same for every kind,
 * append-heavy and read by record id, where a mapping layer adds nothing.
 */
public final class RecordCore {

  /** Largest attachment accepted, in bytes (10 MiB). */
  public static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

  private final JdbcClient jdbc;
  private final RecordKind kind;
  private final TransactionTemplate tx;
  private final LongFunction<? extends RuntimeException> notFound;
  private final RecordAudit audit;
  private final RecordJournal journal;
  private final RecordAttachments attachments;
  private final RecordWatchers watchers;

  /**
   * @param notFound the error for an id that names no record of this kind
   */
  public RecordCore(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final RecordKind kind,
      final LongFunction<? extends RuntimeException> notFound) {
    this.jdbc = JdbcClient.create(dataSource);
    this.kind = kind;
    this.tx = new TransactionTemplate(transactionManager);
    this.notFound = notFound;
    this.audit = new RecordAudit(jdbc, kind);
    this.journal = new RecordJournal(jdbc, kind);
    this.attachments = new RecordAttachments(jdbc, kind);
    this.watchers = new RecordWatchers(jdbc, kind);
  }

  public RecordKind kind() {
    return kind;
  }

  /** Runs {@code work} in one transaction (joining a surrounding one). */
  public <T> T inTransaction(final Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

  /** The next number of this kind: prefix and seven digits (INC0000001, REQ0000042). */
  public String nextNumber() {
    final long sequence =
        jdbc.sql("SELECT nextval('" + kind.side("number_seq") + "')").query(Long.class).single();
    return String.format("%s%07d", kind.prefix(), sequence);
  }

  public RecordAudit audit() {
    return audit;
  }

  /**
   * Whether this is the job's first change of the record; remembers it in the same transaction, so
   * a retried job changes nothing twice.
   */
  public boolean firstApplicationOf(final long recordId, final long jobKey) {
    return jdbc.sql(
                "INSERT INTO "
                    + kind.side("job")
                    + " ("
                    + kind.idColumn()
                    + ", job_key) VALUES (:recordId, :jobKey) ON CONFLICT DO NOTHING")
            .param("recordId", recordId)
            .param("jobKey", jobKey)
            .update()
        == 1;
  }

  /**
   * Adds a comment or work note (not blank, at most 10,000 characters); bumps updatedAt and writes
   * an audit entry: field {@code comment} with a one-line summary, or field {@code workNote} with
   * no value. A work note's words stay in the journal only, which keeps them from requesters: the
   * audit trail is read by more views than the journal's filter guards. A job adds one entry of
   * each kind per record: a retried job gets its first entry back and changes nothing.
   */
  public JournalEntry addJournalEntry(
      final long recordId, final JournalKind entryKind, final String text, final Actor actor) {
    if (entryKind == null) {
      throw new IllegalArgumentException("journal kind is required");
    }
    RecordText.required(entryKind.auditField(), text, RecordText.LONG_TEXT);
    RecordText.requireActor(actor);
    return inTransaction(
        () -> {
          if (actor.jobKey() != null) {
            final Optional<JournalEntry> done =
                journal.jobsEntry(recordId, entryKind, actor.jobKey());
            if (done.isPresent()) {
              return done.get();
            }
          }
          touch(recordId);
          final JournalEntry entry = journal.insert(recordId, entryKind, text, actor);
          audit.record(
              recordId,
              actor,
              entryKind.auditField(),
              null,
              entryKind == JournalKind.COMMENT ? RecordText.summary(text) : null);
          return entry;
        });
  }

  /** The journal, oldest first; work notes only when {@code includeWorkNotes}. */
  public List<JournalEntry> journal(final long recordId, final boolean includeWorkNotes) {
    return journal.of(recordId, includeWorkNotes);
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
      final long recordId,
      final String fileName,
      final String contentType,
      final InputStream content,
      final Actor actor) {
    RecordText.requireActor(actor);
    final AttachmentUpload upload =
        AttachmentUpload.read(fileName, contentType, content, MAX_ATTACHMENT_BYTES);
    return inTransaction(
        () -> {
          touch(recordId);
          final Attachment attachment = attachments.insert(recordId, upload, actor);
          audit.record(
              recordId,
              actor,
              "attachment",
              null,
              RecordText.summary(attachment.fileName()) + " (" + attachment.size() + " bytes)");
          return attachment;
        });
  }

  /** The record's attachments (without content), oldest first. */
  public List<Attachment> attachments(final long recordId) {
    return attachments.of(recordId);
  }

  /** The attachment's bytes, only when it belongs to {@code recordId}. */
  public Optional<byte[]> attachmentContent(final long recordId, final long attachmentId) {
    return attachments.content(recordId, attachmentId);
  }

  /** Adds a watcher (audited as field {@code watcher}); watching twice changes nothing. */
  public void watch(final long recordId, final String username, final Actor actor) {
    RecordText.required("watcher", username, RecordText.NAME);
    RecordText.requireActor(actor);
    inTransaction(
        () -> {
          touch(recordId);
          if (watchers.add(recordId, username)) {
            audit.record(recordId, actor, "watcher", null, username);
          }
          return null;
        });
  }

  /** Removes a watcher (audited as field {@code watcher}, old value the username). */
  public void unwatch(final long recordId, final String username, final Actor actor) {
    RecordText.requireActor(actor);
    inTransaction(
        () -> {
          touch(recordId);
          if (watchers.remove(recordId, username)) {
            audit.record(recordId, actor, "watcher", username, null);
          }
          return null;
        });
  }

  /** The watchers' usernames, in order. */
  public List<String> watchers(final long recordId) {
    return watchers.of(recordId);
  }

  /** Bumps updatedAt, and fails when there is no such record. */
  public void touch(final long recordId) {
    final int updated =
        jdbc.sql("UPDATE " + kind.mainTable() + " SET updated_at = now() WHERE id = :id")
            .param("id", recordId)
            .update();
    if (updated == 0) {
      throw notFound.apply(recordId);
    }
  }
}
