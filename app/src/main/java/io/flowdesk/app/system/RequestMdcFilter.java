package io.flowdesk.app.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tags every log line written while serving a request with its request id, taken from an incoming
 * {@code X-Request-Id} (so a proxy's id carries through) or made up, and echoed in the response.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestMdcFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  // Ids from outside end up in logs: accept only a short, plain token.
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final String incoming = request.getHeader(HEADER);
    final String requestId =
        incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newRequestId();
    MDC.put(MDC_KEY, requestId);
    response.setHeader(HEADER, requestId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /**
   * A random (version 4) UUID from a non-cryptographic source: a request id must be unique, not
   * secret, and {@code UUID.randomUUID()} reads the operating system's entropy under one lock that
   * every request (and every engine call the app makes to itself) would queue for.
   */
  static String newRequestId() {
    final ThreadLocalRandom random = ThreadLocalRandom.current();
    final long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    final long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }
}
