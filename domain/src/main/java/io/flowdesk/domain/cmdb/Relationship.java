package io.flowdesk.domain.cmdb;

import java.time.Instant;
import java.util.UUID;

/** {@code source -type-> target}, with both CIs' names and classes for display. */
public record Relationship(
    long id,
    UUID sourceId,
    String sourceName,
    String sourceClass,
    RelationshipType type,
    UUID targetId,
    String targetName,
    String targetClass,
    String createdBy,
    Instant createdAt) {}
