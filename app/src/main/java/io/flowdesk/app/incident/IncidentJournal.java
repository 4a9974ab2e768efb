package io.flowdesk.app.incident;

import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.JournalKind;
import org.springframework.stereotype.Component;

/**
 * Adds comments and work notes to incidents for people, pages and API alike, once per one-time key
 * ({@link JournalPosting}, as for every kind of record).
 */
@Component
public class IncidentJournal {

  private final IncidentAccess access;
  private final JournalPosting journal;

  IncidentJournal(final IncidentAccess access, final JournalPosting journal) {
    this.access = access;
    this.journal = journal;
  }

  /**
   * Adds {@code text} by {@code username}; answers the entry's id.
   *
   * @param key the page's or client's one-time key; null or blank adds every time
   */
  public long add(
      final Incident incident,
      final JournalKind kind,
      final String text,
      final String username,
      final String key) {
    return journal.add(
        access.ref(incident),
        io.flowdesk.domain.record.JournalKind.valueOf(kind.name()),
        text,
        username,
        key);
  }
}
