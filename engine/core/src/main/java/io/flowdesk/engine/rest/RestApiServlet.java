package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.support.EngineLimits;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The Camunda 8 Orchestration Cluster REST API ({@code /v2/*}) of the embedded engine, one servlet
 * for both ways it is hosted: on a Spring Boot application's own port, or on the engine's own
 * listener. Every request passes {@link ApiAccess} first.
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

  RestApiServlet(final Router router, final ApiAccess access) {
    this.router = router;
    this.access = access;
  }

  @Override
  protected void service(final HttpServletRequest request, final HttpServletResponse response) {
    final Exchange exchange = new Exchange(request, response);
    final ApiAccess.Verdict verdict =
        access.check(peer(request.getRemoteAddr()), request.getHeader("Authorization"));
    if (verdict != ApiAccess.Verdict.GRANTED) {
      exchange.header("WWW-Authenticate", access.challenge());
      exchange.problem(new Problem(401, "UNAUTHORIZED", verdict.explanation()));
      return;
    }
    router.dispatch(exchange);
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
