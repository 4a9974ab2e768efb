package io.flowdesk.engine.access;

import java.util.List;
import java.util.Locale;

/**
 * How the engine's API guards itself beyond credentials ({@code flowdesk.engine.security.*}).
 *
 * @param insecureLocalAccess serve requests without credentials that come straight from this
 *     machine ({@link LocalAccess}); off by default, for a developer's laptop only, never behind a
 *     proxy
 * @param oauth OAuth 2 access tokens, when an issuer is configured
 * @param allowedOrigins browser origins ({@code https://modeler.example.com}) that may call the
 *     REST API cross-origin (CORS); none by default, so every cross-site browser request is refused
 */
public record ApiSecurity(
    boolean insecureLocalAccess, OAuthSettings oauth, List<String> allowedOrigins) {

  public static final ApiSecurity DEFAULT = new ApiSecurity(false, OAuthSettings.NONE, List.of());

  public ApiSecurity {
    oauth = oauth == null ? OAuthSettings.NONE : oauth;
    allowedOrigins =
        allowedOrigins == null
            ? List.of()
            : allowedOrigins.stream()
                .filter(origin -> !origin.isBlank())
                .map(origin -> origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .toList();
  }

  public ApiSecurity withInsecureLocalAccess(final boolean enabled) {
    return new ApiSecurity(enabled, oauth, allowedOrigins);
  }

  public ApiSecurity withOAuth(final OAuthSettings settings) {
    return new ApiSecurity(insecureLocalAccess, settings, allowedOrigins);
  }

  public ApiSecurity withAllowedOrigins(final List<String> origins) {
    return new ApiSecurity(insecureLocalAccess, oauth, origins);
  }
}
