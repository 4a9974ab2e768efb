package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.access.EnginePermission;
import io.flowdesk.engine.metrics.EngineMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the handler of a request by method and path template ({@code /jobs/{jobKey}/completion});
 * answers 404 for unknown paths and 405 naming the allowed methods for known paths.
 */
final class Router {

  /** Handles one request; throwing answers with the problem the failure stands for. */
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  private record Route(
      String method, String[] segments, EnginePermission permission, Handler handler) {

    int literals() {
      int count = 0;
      for (final String segment : segments) {
        if (!segment.startsWith("{")) {
          count++;
        }
      }
      return count;
    }

    Map<String, String> match(final String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      final Map<String, String> variables = new LinkedHashMap<>();
      for (int i = 0; i < segments.length; i++) {
        final String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          variables.put(segment.substring(1, segment.length() - 1), path[i]);
        } else if (!segment.equals(path[i])) {
          return null;
        }
      }
      return variables;
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final EngineMetrics metrics;

  Router() {
    this(EngineMetrics.NONE);
  }

  Router(final EngineMetrics metrics) {
    this.metrics = metrics;
  }

  Router add(final String method, final String template, final Handler handler) {
    routes.add(new Route(method, split(template), RoutePermissions.of(method, template), handler));
    return this;
  }

  /**
   * Routes to the most specific template that matches the path (literal segments win over
   * variables, so {@code /jobs/activation} is never taken for {@code /jobs/{jobKey}}), if {@code
   * client} has the permission the endpoint needs (403 naming it otherwise).
   */
  void dispatch(final Exchange exchange, final ApiClient client) {
    final String[] path = split(exchange.path());
    int best = -1;
    final List<Route> candidates = new ArrayList<>();
    for (final Route route : routes) {
      if (route.match(path) == null) {
        continue;
      }
      final int specificity = route.literals();
      if (specificity > best) {
        best = specificity;
        candidates.clear();
      }
      if (specificity == best) {
        candidates.add(route);
      }
    }
    final Set<String> allowed = new TreeSet<>();
    for (final Route route : candidates) {
      if (route.method().equals(exchange.method())) {
        if (!client.may(route.permission())) {
          exchange.problem(
              new Problem(
                  403,
                  "FORBIDDEN",
                  "Client '"
                      + client.name()
                      + "' lacks the engine permission '"
                      + route.permission().label()
                      + "' that "
                      + exchange.method()
                      + " /v2"
                      + exchange.path()
                      + " needs"));
          return;
        }
        exchange.client(client);
        exchange.pathVariables(route.match(path));
        metrics.commandReceived("rest", route.method() + " /" + String.join("/", route.segments()));
        try {
          route.handler().handle(exchange);
        } catch (Exception | LinkageError e) {
          exchange.fail(e);
        }
        return;
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      exchange.problem(
          new Problem(
              404, "NOT_FOUND", "No endpoint at /v2" + exchange.path() + " in this REST API"));
    } else {
      exchange.header("Allow", String.join(", ", allowed));
      exchange.problem(
          new Problem(
              405,
              "METHOD_NOT_ALLOWED",
              exchange.method()
                  + " is not allowed on /v2"
                  + exchange.path()
                  + "; allowed: "
                  + String.join(", ", allowed)));
    }
  }

  private static String[] split(final String path) {
    final String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
