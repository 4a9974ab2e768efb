package io.flowdesk.app.security;

import io.flowdesk.app.apitoken.PersonalTokenFilter;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenRateLimiter;
import io.flowdesk.app.mfa.PasswordAloneRefusal;
import io.flowdesk.app.mfa.SecondFactorGate;
import io.flowdesk.app.mfa.SecondFactorPolicy;
import io.flowdesk.app.mfa.SecondFactorRequiredException;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.passwordchange.PasswordChangeGate;
import io.flowdesk.app.passwordchange.PasswordChangeRefusal;
import io.flowdesk.app.passwordchange.PasswordChangeRequiredException;
import io.flowdesk.app.passwordchange.RequiredPasswordChanges;
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
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The incident REST API ({@code /api/**}) and the Prometheus scrape endpoint: personal tokens
 * ({@code Bearer fdp_...}, see {@link PersonalTokenFilter}) and HTTP Basic for scripts and
 * integrations, or the browser's session. A request signed in by a token or by HTTP Basic
 * credentials ({@link CredentialsOrSession}: by them alone, never by a session cookie riding along)
 * carries its own credentials, so it needs no CSRF token; every other one rides on the session
 * cookie and does, as the pages' forms do, whatever other Authorization header it carries. Unsigned
 * requests get 401 as a problem document rather than a redirect to the login page.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  /**
   * Prometheus scrapes with credentials of its own, never a session: an admin's personal API token
   * (read scope) or HTTP Basic, answered 401 like the API rather than sent to the login page.
   */
  static final String PROMETHEUS = "/actuator/prometheus";

  /** The API's OpenAPI document, readable with the API's own credentials. */
  static final String API_DOCS = "/v3/api-docs";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  @Order(1)
  SecurityFilterChain incidentApi(
      final HttpSecurity http,
      final AuthenticationManager authenticationManager,
      final PersonalTokens tokens,
      final TokenRateLimiter tokenRates,
      final Directory directory,
      final SecondFactors secondFactors,
      final SecondFactorPolicy secondFactorPolicy,
      final RequiredPasswordChanges passwordChanges)
      throws Exception {
    return http.securityMatcher(
            new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                PathPatternRequestMatcher.withDefaults().matcher(API_DOCS),
                PathPatternRequestMatcher.withDefaults().matcher(API_DOCS + "/**"),
                PathPatternRequestMatcher.withDefaults().matcher(PROMETHEUS)))
        .addFilterBefore(new PersonalTokenFilter(tokens, tokenRates, directory), CsrfFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/admin/**", PROMETHEUS)
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .addFilterAfter(SecondFactorGate.forApi(), AuthorizationFilter.class)
        .addFilterAfter(PasswordChangeGate.forApi(passwordChanges), SecondFactorGate.class)
        // A password that must be changed is refused before the second factor is asked about:
        // changing it is the first thing such an account has to do.
        .authenticationManager(
            new PasswordAloneRefusal(
                new PasswordChangeRefusal(authenticationManager, passwordChanges),
                secondFactors,
                secondFactorPolicy))
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
    if (e instanceof PasswordChangeRequiredException mustChange) {
      // The password was right but may not be used yet: no credentials would help.
      response.setStatus(HttpStatus.FORBIDDEN.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                  + "\"detail\":\""
                  + mustChange.jsonDetail()
                  + "\"}");
      return;
    }
    if (e instanceof SecondFactorRequiredException) {
      // The password was right: asking for Basic credentials again would not help.
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Flowdesk\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                  + "\"detail\":\""
                  + e.getMessage()
                  + "\"}");
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

  private static void forbidden(
      final HttpServletRequest request,
      final jakarta.servlet.http.HttpServletResponse response,
      final org.springframework.security.access.AccessDeniedException e)
      throws java.io.IOException {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\""
                + forbiddenBecause(request, e)
                + "\"}");
  }

  private static String forbiddenBecause(
      final HttpServletRequest request,
      final org.springframework.security.access.AccessDeniedException e) {
    if (e instanceof org.springframework.security.web.csrf.CsrfException) {
      return "The CSRF token is missing or wrong: send the session's token in X-CSRF-TOKEN.";
    }
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/admin/")
        ? "Only administrators may use the admin API."
        : "You may not do this.";
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
