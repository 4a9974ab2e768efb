package io.flowdesk.engine.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps browsers' cross-site requests out of the REST API: camunda clients, Modeler and scripts
 * send no {@code Origin}, so a request carrying a foreign one (or {@code Sec-Fetch-Site:
 * cross-site}) is a web page's, and is refused unless its origin is configured (then it gets CORS
 * headers). Bodies must be JSON ({@code multipart/form-data} for deployments): the content types a
 * page may send without a CORS preflight ({@code text/plain}, form encodings) are refused whatever
 * the body holds.
 */
final class CrossSiteGuard {

  private static final String DEPLOYMENTS = "/deployments";

  private final List<String> allowedOrigins;

  CrossSiteGuard(final List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * The problem that refuses {@code request}; empty when it may go on. A preflight of an allowed
   * origin is answered here (then {@link #answeredPreflight} is true).
   */
  Optional<Problem> check(final HttpServletRequest request, final HttpServletResponse response) {
    final String origin = request.getHeader("Origin");
    if (origin != null && allowedOrigins.contains(normalise(origin))) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Vary", "Origin");
      if (isPreflight(request)) {
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      }
      return contentType(request);
    }
    if ((origin != null && !sameOrigin(origin, request.getHeader("Host")))
        || "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
      return Optional.of(
          new Problem(
              403,
              "FORBIDDEN",
              "Cross-site requests to the engine's API are refused"
                  + (origin == null ? "" : ": origin '" + origin + "' is not allowed")
                  + " (flowdesk.engine.security.allowed-origins)"));
    }
    return contentType(request);
  }

  /** True when {@link #check} answered a CORS preflight itself: one from an allowed origin. */
  boolean answeredPreflight(final HttpServletRequest request) {
    final String origin = request.getHeader("Origin");
    return isPreflight(request) && origin != null && allowedOrigins.contains(normalise(origin));
  }

  private static boolean isPreflight(final HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  private static Optional<Problem> contentType(final HttpServletRequest request) {
    final String type = request.getContentType();
    if (type == null || isBodyless(request.getMethod())) {
      return Optional.empty();
    }
    final String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    final boolean json = "application/json".equals(media) || media.endsWith("+json");
    final boolean deployment =
        "multipart/form-data".equals(media) && DEPLOYMENTS.equals(pathOf(request));
    if (json || deployment) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Expected a request body of type application/json"
                + (DEPLOYMENTS.equals(pathOf(request)) ? " or multipart/form-data" : "")
                + ", but it is '"
                + media
                + "'"));
  }

  private static boolean isBodyless(final String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static String pathOf(final HttpServletRequest request) {
    final String path = request.getPathInfo();
    return path == null ? "" : path.replaceAll("/+$", "");
  }

  // Same origin as far as the server can tell: the page's host and port are the ones addressed.
  private static boolean sameOrigin(final String origin, final String host) {
    if (host == null || "null".equals(origin)) {
      return false;
    }
    try {
      final URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false;
      }
      final int port =
          uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      final String expected = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
      final String addressed = host.toLowerCase(Locale.ROOT);
      return addressed.equals(expected)
          || (!addressed.contains(":") && (addressed + ":" + port).equals(expected));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalise(final String origin) {
    return origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
  }
}
