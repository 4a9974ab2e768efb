package io.flowdesk.engine.access;

import java.util.List;

/**
 * Where the engine's API takes OAuth 2 access tokens (JWT) from ({@code
 * flowdesk.engine.security.oauth.*}), as a Camunda 8 Self-Managed gateway does.
 *
 * @param issuerUri the authorization server; its {@code .well-known} metadata names the key set,
 *     and tokens must carry it as {@code iss}. Blank: no OAuth.
 * @param jwkSetUri the key set, when the issuer publishes no metadata; optional
 * @param audience what a token's {@code aud} must contain (required with an issuer)
 * @param permissionsClaim the claim listing the client's permissions as {@code engine:deploy},
 *     {@code engine:operate}, {@code engine:user-tasks}, {@code engine:read}; default {@code scope}
 *     (space-separated, as authorization servers issue scopes) and {@code scp}
 */
public record OAuthSettings(
    String issuerUri, String jwkSetUri, String audience, String permissionsClaim) {

  public static final OAuthSettings NONE = new OAuthSettings(null, null, null, null);

  public OAuthSettings {
    issuerUri = blankToNull(issuerUri);
    jwkSetUri = blankToNull(jwkSetUri);
    audience = blankToNull(audience);
    permissionsClaim = blankToNull(permissionsClaim) == null ? "scope" : permissionsClaim;
    if (issuerUri != null && audience == null) {
      throw new IllegalArgumentException(
          "flowdesk.engine.security.oauth.audience is required with an issuer-uri: without it a"
              + " token the issuer made for any other application would be accepted");
    }
    if (issuerUri == null && jwkSetUri != null) {
      throw new IllegalArgumentException(
          "flowdesk.engine.security.oauth.jwk-set-uri needs an issuer-uri too: tokens are checked"
              + " against both");
    }
  }

  public boolean configured() {
    return issuerUri != null;
  }

  /** The claims read for permissions, in order. */
  List<String> claims() {
    return "scope".equals(permissionsClaim) ? List.of("scope", "scp") : List.of(permissionsClaim);
  }

  private static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
