package io.flowdesk.domain.record;

import java.time.Instant;

/** One comment or work note on a record. */
public record JournalEntry(
    long id, long recordId, JournalKind kind, String author, String text, Instant createdAt) {}
