package io.flowdesk.engine.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * OAuth 2 access tokens (JWT) as Spring Security's resource server checks them: signature against
 * the issuer's published key set (fetched on first use and refreshed by key id), {@code iss}, time
 * claims with a minute of clock skew, and {@code aud} containing the configured audience.
 * Permissions come from scopes {@code engine:<permission>}.
 */
final class JwtBearerTokens {

  static final String SCOPE_PREFIX = "engine:";

  private final JwtDecoder decoder;
  private final OAuthSettings settings;

  JwtBearerTokens(final OAuthSettings settings) {
    this.settings = settings;
    // Built on first use, so that an authorization server that is down at start delays only the
    // tokens, not the engine; a failed fetch is tried again by the next token.
    this.decoder = new SupplierJwtDecoder(this::decoder);
  }

  /** Compact JWS: three base64url parts; a static token never looks like one. */
  static boolean looksLikeJwt(final String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  ApiAccess.Outcome authenticate(final String token) {
    final Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (JwtValidationException e) {
      return new ApiAccess.Refused(
          "The access token is not valid: "
              + e.getErrors().stream()
                  .map(error -> error.getDescription())
                  .reduce((a, b) -> a + "; " + b)
                  .orElse(e.getMessage()));
    } catch (JwtException e) {
      return new ApiAccess.Refused("The access token is not valid: " + reason(e));
    }
    final String name =
        jwt.getClaimAsString("azp") != null
            ? jwt.getClaimAsString("azp")
            : jwt.getClaimAsString("client_id") != null
                ? jwt.getClaimAsString("client_id")
                : jwt.getSubject();
    return new ApiAccess.Granted(
        new ApiClient(String.valueOf(name), ApiClient.Kind.OAUTH, permissions(jwt)));
  }

  private Set<EnginePermission> permissions(final Jwt jwt) {
    final Set<EnginePermission> permissions = EnumSet.noneOf(EnginePermission.class);
    for (final String claim : settings.claims()) {
      for (final String value : values(jwt.getClaims().get(claim))) {
        if (value.startsWith(SCOPE_PREFIX)) {
          EnginePermission.named(value.substring(SCOPE_PREFIX.length()))
              .ifPresent(permissions::add);
        }
      }
    }
    return permissions;
  }

  private static List<String> values(final Object claim) {
    if (claim instanceof String text) {
      return List.of(text.trim().split("\\s+"));
    }
    if (claim instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  private JwtDecoder decoder() {
    final NimbusJwtDecoder nimbus =
        settings.jwkSetUri() != null
            ? NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build()
            : NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
    nimbus.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(settings.audience()))));
    return nimbus;
  }

  // Nimbus' messages name the failed check (signature, key, format) without echoing the token.
  private static String reason(final JwtException e) {
    final String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
