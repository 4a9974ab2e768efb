package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.access.ApiRequest;
import io.flowdesk.engine.support.EngineLimits;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The Camunda 8 Orchestration Cluster REST API ({@code /v2/*}) of the embedded engine, one servlet
 * for both ways it is hosted: on a Spring Boot application's own port, or on the engine's own
 * listener. Every request passes the {@link CrossSiteGuard}, then {@link ApiAccess}, then the
 * permission its endpoint needs.
 */
@MultipartConfig(
    maxFileSize = EngineLimits.MAX_MESSAGE_BYTES,
    maxRequestSize = EngineLimits.MAX_MESSAGE_BYTES + 64 * 1024)
public final class RestApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Where the servlet is mapped in a servlet container. */
  public static final String MAPPING = "/v2/*";

  private final transient Router router;
  private final transient ApiAccess access;
  private final transient CrossSiteGuard crossSite;

  RestApiServlet(final Router router, final ApiAccess access, final CrossSiteGuard crossSite) {
    this.router = router;
    this.access = access;
    this.crossSite = crossSite;
  }

  @Override
  protected void service(final HttpServletRequest request, final HttpServletResponse response) {
    final Exchange exchange = new Exchange(request, response);
    final Optional<Problem> crossSiteProblem = crossSite.check(request, response);
    if (crossSiteProblem.isPresent()) {
      exchange.problem(crossSiteProblem.get());
      return;
    }
    if (crossSite.answeredPreflight(request)) {
      return;
    }
    final ApiAccess.Outcome outcome =
        access.authenticate(new ApiRequest(peer(request.getRemoteAddr()), request::getHeader));
    if (outcome instanceof ApiAccess.Refused refused) {
      exchange.header("WWW-Authenticate", access.challenge());
      exchange.problem(new Problem(401, "UNAUTHORIZED", refused.reason()));
      return;
    }
    router.dispatch(exchange, ((ApiAccess.Granted) outcome).client());
  }

  private static InetAddress peer(final String address) {
    try {
      // An IP literal, so no name lookup happens.
      return address == null ? null : InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
