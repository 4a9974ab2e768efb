package io.flowdesk.engine.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the engine's APIs, the same rule for gRPC and REST: without configured credentials
 * only clients on this machine (loopback peers); with credentials, every client must present them,
 * as HTTP Basic or as a bearer token in the {@code Authorization} header (gRPC metadata {@code
 * authorization}), which is what camunda-client-java's credentials providers send.
 */
public final class ApiAccess {

  /** The outcome of checking one request. */
  public enum Verdict {
    GRANTED,
    /** No credentials presented where they are needed. */
    MISSING_CREDENTIALS,
    /** Credentials presented but wrong, or of a kind that is not configured. */
    INVALID_CREDENTIALS;

    /** What the client is told; never repeats what it sent. */
    public String explanation() {
      return switch (this) {
        case GRANTED -> "granted";
        case MISSING_CREDENTIALS ->
            "The engine's API needs credentials: requests from other machines, and every request"
                + " once credentials are configured, must authenticate with HTTP Basic or a"
                + " bearer token";
        case INVALID_CREDENTIALS -> "The credentials presented to the engine's API are not valid";
      };
    }
  }

  private final ApiCredentials credentials;

  public ApiAccess(final ApiCredentials credentials) {
    this.credentials = credentials;
  }

  public ApiCredentials credentials() {
    return credentials;
  }

  /**
   * Decides on a request.
   *
   * @param peer the client's address; null when unknown, which counts as another machine
   * @param authorization the {@code Authorization} header, null when absent
   */
  public Verdict check(final InetAddress peer, final String authorization) {
    if (!credentials.configured()) {
      return peer != null && peer.isLoopbackAddress()
          ? Verdict.GRANTED
          : Verdict.MISSING_CREDENTIALS;
    }
    if (authorization == null || authorization.isBlank()) {
      return Verdict.MISSING_CREDENTIALS;
    }
    final int space = authorization.indexOf(' ');
    if (space < 0) {
      return Verdict.INVALID_CREDENTIALS;
    }
    final String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
    final String value = authorization.substring(space + 1).trim();
    final boolean valid =
        switch (scheme) {
          case "basic" -> credentials.hasBasic() && basicMatches(value);
          case "bearer" -> credentials.hasToken() && sameSecret(value, credentials.token());
          default -> false;
        };
    return valid ? Verdict.GRANTED : Verdict.INVALID_CREDENTIALS;
  }

  /** The {@code WWW-Authenticate} challenge of a 401: the schemes a client may use. */
  public String challenge() {
    if (credentials.hasToken() && !credentials.hasBasic()) {
      return "Bearer realm=\"Flowdesk engine\"";
    }
    return "Basic realm=\"Flowdesk engine\", charset=\"UTF-8\"";
  }

  /**
   * Refuses to open a listener that other machines can reach when no credentials could let them in:
   * such a listener would answer nobody but this machine while looking open to everyone.
   */
  public void requireCredentialsForRemoteListener(
      final String listener, final String host, final String hostProperty) {
    if (!credentials.configured() && !isLoopback(host)) {
      throw new IllegalStateException(
          "The engine's "
              + listener
              + " would listen on '"
              + host
              + "', reachable from other machines, but no credentials are configured. Set"
              + " flowdesk.engine.credentials.username and .password (HTTP Basic) or"
              + " flowdesk.engine.credentials.token (bearer token), or keep "
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

  private boolean basicMatches(final String encoded) {
    final byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(
        decoded,
        (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean sameSecret(final String given, final String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
