package io.flowdesk.domain.incident;

import java.time.Instant;

/** A file attached to an incident (its content is read separately). */
public record Attachment(
    long id,
    long incidentId,
    String fileName,
    String contentType,
    long size,
    String uploadedBy,
    Instant uploadedAt) {}
