package io.flowdesk.domain.record;

import java.time.Instant;

/**
 * One line of a record's append-only audit trail: who changed which field from what to what. Values
 * are text (enums by name, instants ISO-8601); {@code oldValue} is null for a field's first value;
 * {@code jobKey} is set when a job worker made the change.
 */
public record AuditEntry(
    long id,
    long recordId,
    String actor,
    Long jobKey,
    Instant at,
    String field,
    String oldValue,
    String newValue) {}
