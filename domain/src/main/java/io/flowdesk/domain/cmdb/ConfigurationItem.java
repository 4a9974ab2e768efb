package io.flowdesk.domain.cmdb;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A configuration item as callers see it; {@code attributes} as validated and normalised. */
public record ConfigurationItem(
    UUID id,
    String className,
    String name,
    String owner,
    String supportGroup,
    Environment environment,
    LifecycleStatus status,
    Criticality criticality,
    MaintenanceWindow maintenanceWindow,
    Map<String, Object> attributes,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
