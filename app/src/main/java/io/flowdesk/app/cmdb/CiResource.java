package io.flowdesk.app.cmdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A configuration item as the API shows it. */
record CiResource(
    UUID id,
    @JsonProperty("class") String className,
    String name,
    String owner,
    String supportGroup,
    String environment,
    String status,
    String criticality,
    String maintenanceWindow,
    Map<String, Object> attributes,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  static CiResource of(final ConfigurationItem ci) {
    return new CiResource(
        ci.id(),
        ci.className(),
        ci.name(),
        ci.owner(),
        ci.supportGroup(),
        ci.environment().name(),
        ci.status().name(),
        ci.criticality() == null ? null : ci.criticality().name(),
        ci.maintenanceWindow() == null ? null : ci.maintenanceWindow().toString(),
        ci.attributes(),
        ci.createdAt(),
        ci.updatedAt(),
        ci.version());
  }
}
