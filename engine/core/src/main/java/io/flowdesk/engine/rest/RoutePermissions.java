package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.EnginePermission;
import java.util.Set;

/**
 * The permission each REST endpoint needs, decided from its method and path template in one place
 * so that a new endpoint cannot forget it: reads, searches and statistics need {@code read};
 * deployments and resource deletion {@code deploy}; user task commands {@code user-tasks}; every
 * other command {@code operate}. Cluster information needs only an authenticated client.
 */
final class RoutePermissions {

  private static final Set<String> OPEN_TO_EVERY_CLIENT =
      Set.of("/topology", "/license", "/status", "/authentication/me");

  private RoutePermissions() {}

  static EnginePermission of(final String method, final String template) {
    if (OPEN_TO_EVERY_CLIENT.contains(template)) {
      return null;
    }
    if ("GET".equals(method)
        || ("POST".equals(method)
            && (template.endsWith("/search") || template.contains("/statistics/")))) {
      return EnginePermission.READ;
    }
    if (template.startsWith("/deployments") || template.startsWith("/resources/")) {
      return EnginePermission.DEPLOY;
    }
    if (template.startsWith("/user-tasks/")) {
      return EnginePermission.USER_TASKS;
    }
    return EnginePermission.OPERATE;
  }
}
