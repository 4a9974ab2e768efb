package io.flowdesk.domain.cmdb;

import java.util.Map;

/**
 * What a person enters for a configuration item, to create it or to replace its fields: the class
 * (only when creating; a CI keeps its class), name, owner (a username), support group (a group
 * name), environment, lifecycle status, criticality (service classes only), maintenance window (see
 * {@link MaintenanceWindow}) and attribute values by the class's attribute names.
 */
public record CiDraft(
    String className,
    String name,
    String owner,
    String supportGroup,
    Environment environment,
    LifecycleStatus status,
    Criticality criticality,
    String maintenanceWindow,
    Map<String, Object> attributes) {}
