package io.flowdesk.engine.support;

import java.util.Collection;

/**
 * Flowdesk has no multi-tenancy: everything belongs to Zeebe's default tenant, and a request that
 * names another tenant is refused rather than silently served from the default one.
 */
public final class Tenants {

  /** The tenant id Zeebe uses when multi-tenancy is disabled. */
  public static final String DEFAULT = "<default>";

  private Tenants() {}

  /** Accepts no tenant (absent or empty) and the default tenant; refuses any other. */
  public static void requireDefault(final String tenantId) {
    if (tenantId != null && !tenantId.isEmpty() && !DEFAULT.equals(tenantId)) {
      throw Rejection.invalidArgument(
          "Expected tenant '"
              + DEFAULT
              + "' (Flowdesk has no multi-tenancy), but the request named tenant '"
              + tenantId
              + "'");
    }
  }

  public static void requireDefault(final Collection<String> tenantIds) {
    tenantIds.forEach(Tenants::requireDefault);
  }
}
