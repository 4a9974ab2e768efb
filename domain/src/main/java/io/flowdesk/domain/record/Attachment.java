package io.flowdesk.domain.record;

import java.time.Instant;

/** A file attached to a record (its content is read separately). */
public record Attachment(
    long id,
    long recordId,
    String fileName,
    String contentType,
    long size,
    String uploadedBy,
    Instant uploadedAt) {}
