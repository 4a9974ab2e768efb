package io.flowdesk.domain.incident;

import java.util.UUID;

/** A configuration item an incident is linked to: the CMDB's id, name and class as they are now. */
public record LinkedCi(UUID id, String name, String className) {

  /** How the audit trail and pages name it: {@code db01 (server)}. */
  public String label() {
    return name + " (" + className + ")";
  }
}
