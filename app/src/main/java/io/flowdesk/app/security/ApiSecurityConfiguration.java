package io.flowdesk.app.security;

import io.flowdesk.app.apitoken.PersonalTokenFilter;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenRateLimiter;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The incident REST API ({@code /api/**}): personal tokens ({@code Bearer fdp_...}, see {@link
 * PersonalTokenFilter}) and HTTP Basic for scripts and integrations, or the browser's session. A
 * request signed in by a token or by HTTP Basic credentials ({@link CredentialsOrSession}: by them
 * alone, never by a session cookie riding along) carries its own credentials, so it needs no CSRF
 * token; every other one rides on the session cookie and does, as the pages' forms do, whatever
 * other Authorization header it carries. Unsigned requests get 401 as a problem document rather
 * than a redirect to the login page.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  @Order(1)
  SecurityFilterChain incidentApi(
      final HttpSecurity http,
      final AuthenticationManager authenticationManager,
      final PersonalTokens tokens,
      final TokenRateLimiter tokenRates,
      final Directory directory)
      throws Exception {
    return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
        .addFilterBefore(new PersonalTokenFilter(tokens, tokenRates, directory), CsrfFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/admin/**")
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .authenticationManager(authenticationManager)
        .httpBasic(basic -> basic.authenticationEntryPoint(ApiSecurityConfiguration::unauthorized))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(ApiSecurityConfiguration::unauthorized)
                    .accessDeniedHandler(ApiSecurityConfiguration::forbidden))
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(ApiSecurityConfiguration::needsCsrfToken))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.securityContextRepository(new CredentialsOrSession()))
        .build();
  }

  // A personal token exempts only once the token filter (before this check) accepted it; it refuses
  // every other "Bearer " header outright. Basic credentials exempt because they alone sign the
  // request in; any other Authorization header exempts nothing.
  private static boolean needsCsrfToken(final HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod())
        && !CredentialsOrSession.basicCredentials(request)
        && !PersonalTokenFilter.authenticatedByToken(request);
  }

  private static void unauthorized(
      final HttpServletRequest request,
      final jakarta.servlet.http.HttpServletResponse response,
      final org.springframework.security.core.AuthenticationException e)
      throws java.io.IOException {
    if (e instanceof LoginThrottledException throttled) {
      tooManyFailures(response, throttled);
      return;
    }
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader("WWW-Authenticate", "Basic realm=\"Flowdesk\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Sign in, or send HTTP Basic credentials.\"}");
  }

  // Signed in but not allowed (not an admin on /api/admin/**), or a session request without its
  // CSRF token: 403 as a problem document naming which.
  private static void forbidden(
      final HttpServletRequest request,
      final jakarta.servlet.http.HttpServletResponse response,
      final org.springframework.security.access.AccessDeniedException e)
      throws java.io.IOException {
    final String detail =
        e instanceof org.springframework.security.web.csrf.CsrfException
            ? "A request signed in by the session needs the page's CSRF token."
            : "You are not allowed to do this.";
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\""
                + detail
                + "\"}");
  }

  /** Credentials refused unread: the client is told when to try again rather than to re-enter. */
  private static void tooManyFailures(
      final jakarta.servlet.http.HttpServletResponse response,
      final LoginThrottledException throttled)
      throws java.io.IOException {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader("Retry-After", Long.toString(throttled.waitSeconds()));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\""
                + throttled.advice()
                + "\"}");
  }
}
