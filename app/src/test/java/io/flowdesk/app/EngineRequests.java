package io.flowdesk.app;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The requests that reach the engine's user task API ({@code /v2/user-tasks}) on the app's web
 * port, where the app's own camunda client sends them: a test shows with it that a page asks the
 * engine nothing.
 */
public final class EngineRequests {

  private static final String USER_TASKS = "/v2/user-tasks";

  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** What {@code action} answers, and the user task requests made meanwhile ("POST /v2/…"). */
  public <T> Recorded<T> during(final Callable<T> action) throws Exception {
    final int before = seen.size();
    final T result = action.call();
    return new Recorded<>(result, List.copyOf(seen.subList(before, seen.size())));
  }

  public record Recorded<T>(T result, List<String> userTaskRequests) {}

  @TestConfiguration(proxyBeanMethods = false)
  static class InContext {

    @Bean
    EngineRequests engineRequests() {
      return new EngineRequests();
    }

    @Bean
    FilterRegistrationBean<Filter> engineRequestsFilter(final EngineRequests requests) {
      final FilterRegistrationBean<Filter> registration =
          new FilterRegistrationBean<>(
              (request, response, chain) -> {
                if (request instanceof jakarta.servlet.http.HttpServletRequest http
                    && http.getRequestURI().startsWith(USER_TASKS)) {
                  requests.seen.add(http.getMethod() + " " + http.getRequestURI());
                }
                chain.doFilter(request, response);
              });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }
}
