package io.flowdesk.domain.cmdb;

/** Where a configuration item is in its life. */
public enum LifecycleStatus {
  PLANNED,
  IN_SERVICE,
  MAINTENANCE,
  RETIRED
}
