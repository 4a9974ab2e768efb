package io.flowdesk.app.incident;

import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import org.springframework.stereotype.Component;

/**
 * Adds comments and work notes for people, pages and API alike, once per one-time key: a second
 * post of the same page or the same {@code Idempotency-Key} adds nothing and answers the first
 * entry.
 */
@Component
public class IncidentJournal {

  private final IncidentRecords records;
  private final IdempotencyKeys onceOnly;

  IncidentJournal(final IncidentRecords records, final IdempotencyKeys onceOnly) {
    this.records = records;
    this.onceOnly = onceOnly;
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
    return Long.parseLong(
        onceOnly.once(
            username,
            IdempotencyKeys.comments(incident.number()),
            key,
            () ->
                Long.toString(
                    records
                        .addJournalEntry(incident.id(), kind, text, ChangeSource.person(username))
                        .id())));
  }
}
