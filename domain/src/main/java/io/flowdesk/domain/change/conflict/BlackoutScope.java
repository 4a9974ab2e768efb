package io.flowdesk.domain.change.conflict;

/**
 * Where a blackout window applies: everywhere, to one CI, or to a business service and every CI it
 * depends on (the CMDB's downstream impact, depth {@value BlackoutWindows#SERVICE_DEPTH}).
 */
public enum BlackoutScope {
  GLOBAL,
  CI,
  SERVICE
}
