package io.flowdesk.app.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form post (application/x-www-form-urlencoded) larger than Tomcat reads ({@code
 * server.tomcat.max-http-form-post-size}) is refused with 413 and a message saying so. Tomcat on
 * its own drops every parameter of such a post without a word, so the page would see an empty form,
 * half of it fields it keeps and half defaults. Runs before Spring Security, which reads the CSRF
 * parameter from the same post.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FormPostLimit extends OncePerRequestFilter {

  // Tomcat's reason, as request attribute, when it gave up reading a post's parameters.
  private static final String PARSE_FAILED_REASON =
      "org.apache.catalina.parameter_parse_failed_reason";

  private final DataSize limit;

  FormPostLimit(@Value("${server.tomcat.max-http-form-post-size:2MB}") final DataSize limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    if (isFormPost(request) && tooLarge(request)) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.TEXT_PLAIN_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              "The form is too large: at most "
                  + limit.toKilobytes()
                  + " KB may be posted. Nothing was saved.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isFormPost(final HttpServletRequest request) {
    final String type = request.getContentType();
    return type != null
        && type.strip()
            .toLowerCase(Locale.ROOT)
            .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
  }

  private boolean tooLarge(final HttpServletRequest request) {
    if (request.getContentLengthLong() > limit.toBytes()) {
      return true;
    }
    // A chunked post says its size only by being read.
    request.getParameterMap();
    return "POST_TOO_LARGE".equals(String.valueOf(request.getAttribute(PARSE_FAILED_REASON)));
  }
}
