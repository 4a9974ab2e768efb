package io.flowdesk.engine.access;

/**
 * Credentials that clients of the engine's APIs (gRPC and REST) must present: HTTP Basic (user and
 * password), a bearer token, or both. None configured means only clients on this machine are let
 * in.
 *
 * @param username user name for Basic authentication; blank means none
 * @param password the user's password; required with a user name
 * @param token a static bearer token; blank means none
 */
public record ApiCredentials(String username, String password, String token) {

  /** No credentials: loopback clients only. */
  public static final ApiCredentials NONE = new ApiCredentials(null, null, null);

  public ApiCredentials {
    username = blankToNull(username);
    password = blankToNull(password);
    token = blankToNull(token);
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "flowdesk.engine.credentials: Basic authentication needs both a username and a"
              + " password, but only the "
              + (username == null ? "password" : "username")
              + " is set");
    }
  }

  public static ApiCredentials basic(final String username, final String password) {
    return new ApiCredentials(username, password, null);
  }

  public static ApiCredentials bearer(final String token) {
    return new ApiCredentials(null, null, token);
  }

  public boolean configured() {
    return hasBasic() || hasToken();
  }

  public boolean hasBasic() {
    return username != null;
  }

  public boolean hasToken() {
    return token != null;
  }

  private static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value;
  }

  // Secrets stay out of logs and error messages.
  @Override
  public String toString() {
    return "ApiCredentials[username="
        + (username == null ? "none" : username)
        + ", password="
        + (password == null ? "none" : "***")
        + ", token="
        + (token == null ? "none" : "***")
        + "]";
  }
}
