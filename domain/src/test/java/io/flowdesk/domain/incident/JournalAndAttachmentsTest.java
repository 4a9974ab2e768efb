package io.flowdesk.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JournalAndAttachmentsTest {

  static IncidentRecords records;
  static final ChangeSource CAROL = ChangeSource.person("carol");
  static final ChangeSource ANN = ChangeSource.person("ann");

  @BeforeAll
  static void database() {
    records = new IncidentRecords(TestDatabase.migrated());
  }

  static Incident reported() {
    return records.report(
        new NewIncident("carol", "Printer jams", null, "hardware", null, Level.LOW, Level.LOW),
        CAROL);
  }

  @Test
  void theJournalKeepsCommentsAndWorkNotesInOrderAndHidesWorkNotesWhenAsked() {
    final Incident incident = reported();

    final JournalEntry comment =
        records.addJournalEntry(incident.id(), JournalKind.COMMENT, "Still jammed", CAROL);
    final JournalEntry note =
        records.addJournalEntry(
            incident.id(), JournalKind.WORK_NOTE, "Ordered a new fuser unit", ANN);

    assertThat(records.journal(incident.id(), true)).containsExactly(comment, note);
    assertThat(records.journal(incident.id(), false)).containsExactly(comment);
    assertThat(note.author()).isEqualTo("ann");
    assertThat(note.kind()).isEqualTo(JournalKind.WORK_NOTE);
  }

  @Test
  void journalEntriesAreAuditedAndBumpUpdatedAtButNotTheVersion() {
    final Incident incident = reported();

    records.addJournalEntry(incident.id(), JournalKind.COMMENT, "Any news?", CAROL);
    records.addJournalEntry(incident.id(), JournalKind.WORK_NOTE, "x".repeat(200), ANN);

    final Incident after = records.find(incident.id()).orElseThrow();
    assertThat(after.updatedAt()).isAfter(incident.updatedAt());
    assertThat(after.version()).isEqualTo(incident.version());
    final List<AuditEntry> trail = records.auditTrail(incident.id());
    assertThat(trail.get(trail.size() - 2))
        .extracting(AuditEntry::actor, AuditEntry::field, AuditEntry::newValue)
        .containsExactly("carol", "comment", "Any news?");
    assertThat(trail.get(trail.size() - 1))
        .extracting(AuditEntry::actor, AuditEntry::field, AuditEntry::newValue)
        .containsExactly("ann", "workNote", null);
  }

  @Test
  void aRetriedJobAddsItsJournalEntryOnce() {
    final Incident incident = reported();
    final ChangeSource job = ChangeSource.job(777);
    final int auditBefore = records.auditTrail(incident.id()).size();

    final JournalEntry first =
        records.addJournalEntry(incident.id(), JournalKind.WORK_NOTE, "Response SLA breached", job);
    final JournalEntry retried =
        records.addJournalEntry(incident.id(), JournalKind.WORK_NOTE, "Response SLA breached", job);
    final JournalEntry comment =
        records.addJournalEntry(incident.id(), JournalKind.COMMENT, "We are on it", job);

    assertThat(retried).isEqualTo(first);
    assertThat(records.journal(incident.id(), true)).containsExactly(first, comment);
    assertThat(records.auditTrail(incident.id())).hasSize(auditBefore + 2);
  }

  @Test
  void aBlankOrTooLongJournalEntryIsRefusedNamingItsKind() {
    final Incident incident = reported();

    assertThatThrownBy(
            () -> records.addJournalEntry(incident.id(), JournalKind.COMMENT, "  ", CAROL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("comment");
    assertThatThrownBy(
            () ->
                records.addJournalEntry(
                    incident.id(), JournalKind.WORK_NOTE, "n".repeat(10_001), ANN))
        .hasMessageContaining("workNote");
    assertThatThrownBy(() -> records.addJournalEntry(-5, JournalKind.COMMENT, "hello", CAROL))
        .isInstanceOf(IncidentNotFoundException.class);
    assertThat(records.journal(incident.id(), true)).isEmpty();
  }

  @Test
  void anAttachmentIsStoredUnderItsLastPathSegmentWithoutControlCharacters() {
    final Incident incident = reported();
    final byte[] content = "error log".getBytes(StandardCharsets.UTF_8);

    final Attachment attachment =
        records.attach(
            incident.id(),
            "C:\\Users\\carol/../log\u0000s/error\u202e\n.txt",
            "text/plain",
            new ByteArrayInputStream(content),
            CAROL);

    assertThat(attachment.fileName()).isEqualTo("error.txt");
    assertThat(attachment.size()).isEqualTo(content.length);
    assertThat(attachment.uploadedBy()).isEqualTo("carol");
    assertThat(records.attachments(incident.id())).containsExactly(attachment);
    assertThat(records.attachmentContent(incident.id(), attachment.id())).hasValue(content);
    final List<AuditEntry> trail = records.auditTrail(incident.id());
    assertThat(trail.get(trail.size() - 1))
        .extracting(AuditEntry::field, AuditEntry::newValue)
        .containsExactly("attachment", "error.txt (9 bytes)");
  }

  @Test
  void anAttachmentOverTheLimitStoresNothingAndIsNotReadFurtherThanTheLimit() {
    final Incident incident = reported();
    final CountingStream endless = new CountingStream();

    assertThatThrownBy(() -> records.attach(incident.id(), "dump.bin", null, endless, CAROL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(IncidentRecords.MAX_ATTACHMENT_BYTES));

    assertThat(endless.read).isEqualTo(IncidentRecords.MAX_ATTACHMENT_BYTES + 1);
    assertThat(records.attachments(incident.id())).isEmpty();
    assertThat(records.auditTrail(incident.id()))
        .extracting(AuditEntry::field)
        .doesNotContain("attachment");
  }

  @Test
  void anAttachmentOfExactlyTheLimitIsStored() {
    final Incident incident = reported();

    final Attachment attachment =
        records.attach(
            incident.id(),
            "big.bin",
            null,
            new ByteArrayInputStream(new byte[(int) IncidentRecords.MAX_ATTACHMENT_BYTES]),
            CAROL);

    assertThat(attachment.size()).isEqualTo(IncidentRecords.MAX_ATTACHMENT_BYTES);
    assertThat(attachment.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void anAttachmentIsNotAnsweredForAnotherIncident() {
    final Incident mine = reported();
    final Incident other = reported();
    final Attachment attachment =
        records.attach(
            mine.id(), "a.txt", "text/plain", new ByteArrayInputStream(new byte[] {1}), CAROL);

    assertThat(records.attachmentContent(other.id(), attachment.id())).isEmpty();
    assertThat(records.attachments(other.id())).isEmpty();
  }

  @Test
  void anAttachmentWithoutAUsableNameIsRefused() {
    final Incident incident = reported();

    assertThatThrownBy(
            () ->
                records.attach(
                    incident.id(), "dir/..", null, new ByteArrayInputStream(new byte[1]), CAROL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fileName");
    assertThat(records.attachments(incident.id())).isEmpty();
  }

  /** An endless stream of zeros that counts what was read from it. */
  static final class CountingStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 0;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) {
      read += length;
      return length;
    }
  }
}
