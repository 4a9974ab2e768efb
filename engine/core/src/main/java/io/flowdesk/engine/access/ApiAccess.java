package io.flowdesk.engine.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the engine's APIs, the same rule for gRPC and REST. Every request must authenticate
 * (the {@code Authorization} header, gRPC metadata {@code authorization}, which is what
 * camunda-client-java's credentials providers send): as the configured Basic user or static token,
 * as the engine's own client (a token generated at each start, {@link #ownClientAuthorization()}),
 * or with an OAuth 2 JWT when an issuer is configured. Only where an operator deliberately turned
 * on {@link LocalAccess} does a request without credentials get in, and then only straight from
 * this machine.
 */
public final class ApiAccess {

  /** The outcome of authenticating one request. */
  public sealed interface Outcome permits Granted, Refused {}

  /** The request comes from {@code client}. */
  public record Granted(ApiClient client) implements Outcome {}

  /**
   * The request is refused with 401 / UNAUTHENTICATED.
   *
   * @param reason what the client is told; never repeats what it sent
   */
  public record Refused(String reason) implements Outcome {}

  private static final Logger LOG = LoggerFactory.getLogger(ApiAccess.class);

  static final String MISSING =
      "The engine's API needs credentials: authenticate with HTTP Basic, a bearer token or an"
          + " OAuth 2 access token";
  static final String INVALID = "The credentials presented to the engine's API are not valid";

  private static final ApiClient OWN_CLIENT =
      new ApiClient("flowdesk", ApiClient.Kind.OWN, EnginePermission.ALL);

  private final ApiCredentials credentials;
  private final OwnClientToken ownToken;
  private final Optional<JwtBearerTokens> jwt;
  private final Optional<LocalAccess> localAccess;

  private ApiAccess(
      final ApiCredentials credentials,
      final OwnClientToken ownToken,
      final Optional<JwtBearerTokens> jwt,
      final Optional<LocalAccess> localAccess) {
    this.credentials = credentials;
    this.ownToken = ownToken;
    this.jwt = jwt;
    this.localAccess = localAccess;
  }

  /** The access an engine with these settings grants; logs loudly when the opt-out is on. */
  public static ApiAccess forEngine(final ApiCredentials credentials, final ApiSecurity security) {
    if (security.insecureLocalAccess()) {
      LOG.warn(
          "flowdesk.engine.security.insecure-local-access is on: requests to the engine's API"
              + " without credentials are served when they come straight from this machine."
              + " Anything running on this machine, including a browser's pages, can then control"
              + " every process. For a developer's laptop only; never behind a reverse proxy.");
    }
    return new ApiAccess(
        credentials,
        OwnClientToken.random(),
        Optional.of(security.oauth()).filter(OAuthSettings::configured).map(JwtBearerTokens::new),
        security.insecureLocalAccess() ? Optional.of(new LocalAccess()) : Optional.empty());
  }

  /** The {@code Authorization} header value of the engine's own client (the app's workers). */
  public String ownClientAuthorization() {
    return "Bearer " + ownToken.value();
  }

  /** Decides who sent {@code request}. */
  public Outcome authenticate(final ApiRequest request) {
    final String authorization = request.authorization();
    if (authorization == null || authorization.isBlank()) {
      return localAccess
          .filter(local -> local.admits(request))
          .<Outcome>map(local -> new Granted(LocalAccess.CLIENT))
          .orElse(new Refused(MISSING));
    }
    final int space = authorization.indexOf(' ');
    if (space < 0) {
      return new Refused(INVALID);
    }
    final String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
    final String value = authorization.substring(space + 1).trim();
    return switch (scheme) {
      case "basic" -> basic(value);
      case "bearer" -> bearer(value);
      default -> new Refused(INVALID);
    };
  }

  /** The {@code WWW-Authenticate} challenge of a 401: the schemes a client may use. */
  public String challenge() {
    if (credentials.hasBasic()) {
      return "Basic realm=\"Flowdesk engine\", charset=\"UTF-8\"";
    }
    return "Bearer realm=\"Flowdesk engine\"";
  }

  /**
   * Refuses to open a listener that other machines can reach when no client but the engine's own
   * could authenticate: such a listener would answer nobody while looking open to everyone.
   */
  public void requireCredentialsForRemoteListener(
      final String listener, final String host, final String hostProperty) {
    if (!credentials.configured() && jwt.isEmpty() && !isLoopback(host)) {
      throw new IllegalStateException(
          "The engine's "
              + listener
              + " would listen on '"
              + host
              + "', reachable from other machines, but no credentials are configured. Set"
              + " flowdesk.engine.credentials.username and .password (HTTP Basic),"
              + " flowdesk.engine.credentials.token (bearer token) or"
              + " flowdesk.engine.security.oauth.issuer-uri (OAuth 2), or keep "
              + hostProperty
              + " at 127.0.0.1.");
    }
  }

  /** True for names and addresses of this machine's loopback interface only. */
  public static boolean isLoopback(final String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private Outcome basic(final String encoded) {
    if (!credentials.hasBasic()) {
      return new Refused(INVALID);
    }
    final byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return new Refused(INVALID);
    }
    final boolean matches =
        MessageDigest.isEqual(
            decoded,
            (credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    return matches
        ? new Granted(
            new ApiClient(credentials.username(), ApiClient.Kind.BASIC, EnginePermission.ALL))
        : new Refused(INVALID);
  }

  private Outcome bearer(final String token) {
    if (sameSecret(token, ownToken.value())) {
      return new Granted(OWN_CLIENT);
    }
    if (credentials.hasToken() && sameSecret(token, credentials.token())) {
      return new Granted(new ApiClient("token", ApiClient.Kind.TOKEN, EnginePermission.ALL));
    }
    if (jwt.isPresent() && JwtBearerTokens.looksLikeJwt(token)) {
      return jwt.get().authenticate(token);
    }
    return new Refused(INVALID);
  }

  private static boolean sameSecret(final String given, final String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
