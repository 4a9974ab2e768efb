package io.flowdesk.domain.incident;

import java.time.Instant;

/** One comment or work note on an incident. */
public record JournalEntry(
    long id, long incidentId, JournalKind kind, String author, String text, Instant createdAt) {}
