package io.flowdesk.domain.cmdb;

import java.util.Map;

/** A draft's fields once {@link CiValidation} accepted them: trimmed, parsed, normalised. */
record CheckedCi(
    String name,
    String owner,
    String supportGroup,
    Environment environment,
    LifecycleStatus status,
    Criticality criticality,
    MaintenanceWindow maintenanceWindow,
    Map<String, Object> attributes) {}
