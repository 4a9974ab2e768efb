package io.flowdesk.app.apitoken;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.security.Roles;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer fdp_...} on the API: signs the request in as the token's owner for
 * this request only (no session), with the owner's current roles, if the token is known, unexpired,
 * unrevoked, its owner enabled, its rate not exceeded and its scopes cover the method. Every
 * refusal answers at once as problem+json naming why. Requests without a bearer token pass through
 * untouched (HTTP Basic, the session).
 *
 * <p>Placed before the CSRF check: a request this filter signed in carries its own credential,
 * which a browser never adds by itself, so {@link #authenticatedByToken} lets it skip the CSRF
 * token. Created by the API's filter chain, not as a bean, so that the servlet container does not
 * run it on every URL.
 */
public final class PersonalTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";
  private static final String AUTHENTICATED = PersonalTokenFilter.class.getName() + ".token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PersonalTokens tokens;
  private final TokenRateLimiter rates;
  private final Directory directory;

  public PersonalTokenFilter(
      final PersonalTokens tokens, final TokenRateLimiter rates, final Directory directory) {
    this.tokens = tokens;
    this.rates = rates;
    this.directory = directory;
  }

  /** Whether this request was signed in by a personal token (and so needs no CSRF token). */
  public static boolean authenticatedByToken(final HttpServletRequest request) {
    return request.getAttribute(AUTHENTICATED) != null;
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    final PersonalTokens.Check check =
        tokens.check(authorization.substring(BEARER.length()).strip());
    if (check instanceof PersonalTokens.Check.Refused refused) {
      unauthorized(response, refused.reason());
      return;
    }
    final PersonalToken token = ((PersonalTokens.Check.Accepted) check).token();
    final Optional<Person> owner = directory.person(token.owner()).filter(Person::enabled);
    if (owner.isEmpty()) {
      unauthorized(response, "token owner disabled");
      return;
    }
    final Optional<Duration> wait = rates.take(token.id());
    if (wait.isPresent()) {
      tooManyRequests(response, wait.get());
      return;
    }
    final TokenScope needed = TokenScope.neededFor(request.getMethod());
    if (!token.scopes().contains(needed)) {
      problem(
          response,
          HttpStatus.FORBIDDEN,
          "This token lacks the scope '" + needed.label() + "'.",
          Map.of("scope", needed.label()));
      return;
    }
    final SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        new PersonalTokenAuthentication(
            owner.get().username(), token.id(), authorities(owner.get(), token)));
    SecurityContextHolder.setContext(context);
    request.setAttribute(AUTHENTICATED, token.id());
    chain.doFilter(request, response);
  }

  private static List<GrantedAuthority> authorities(final Person owner, final PersonalToken token) {
    final List<GrantedAuthority> authorities = new ArrayList<>();
    owner
        .roles()
        .forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
    token
        .scopes()
        .forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.label())));
    return authorities;
  }

  private static void unauthorized(final HttpServletResponse response, final String reason)
      throws IOException {
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        "Bearer realm=\"Flowdesk\", error=\"invalid_token\", error_description=\"" + reason + "\"");
    problem(
        response, HttpStatus.UNAUTHORIZED, "Refused: " + reason + ".", Map.of("reason", reason));
  }

  private static void tooManyRequests(final HttpServletResponse response, final Duration wait)
      throws IOException {
    final long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    problem(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests with this token. Please wait "
            + seconds
            + (seconds == 1 ? " second" : " seconds")
            + " before trying again.",
        Map.of());
  }

  private static void problem(
      final HttpServletResponse response,
      final HttpStatus status,
      final String detail,
      final Map<String, String> extra)
      throws IOException {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.putAll(extra);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getWriter(), body);
  }
}
