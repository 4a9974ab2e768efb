package io.flowdesk.domain.cmdb;

/**
 * How much the business suffers when a business service or application fails; the change risk
 * assessment weighs the impacted services' criticality. Only CIs of a service class carry one.
 */
public enum Criticality {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
