package io.flowdesk.domain.cmdb;

/** Where a configuration item serves. */
public enum Environment {
  PRODUCTION,
  STAGING,
  TEST,
  DEVELOPMENT
}
