package io.flowdesk.app.security.sso;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * Flowdesk's one OpenID Connect client, its endpoints read from the issuer's discovery document at
 * the first sign-in rather than at start, so a provider that is down does not keep Flowdesk (and
 * its local accounts) from starting. A failed discovery is tried again at the next sign-in.
 */
final class DiscoveredClientRegistration implements ClientRegistrationRepository {

  static final String ID = "oidc";

  private final OidcProperties properties;
  private volatile ClientRegistration registration;

  DiscoveredClientRegistration(final OidcProperties properties) {
    this.properties = properties;
  }

  @Override
  public ClientRegistration findByRegistrationId(final String registrationId) {
    if (!ID.equals(registrationId)) {
      return null;
    }
    ClientRegistration known = registration;
    if (known == null) {
      synchronized (this) {
        known = registration;
        if (known == null) {
          known =
              ClientRegistrations.fromIssuerLocation(properties.getIssuerUri())
                  .registrationId(ID)
                  .clientName(properties.getDisplayName())
                  .clientId(properties.getClientId())
                  .clientSecret(properties.getClientSecret())
                  .scope(properties.getScopes())
                  .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                  .userNameAttributeName(IdTokenClaimNames.SUB)
                  .build();
          registration = known;
        }
      }
    }
    return known;
  }
}
