package io.flowdesk.app.security.sso;

import io.flowdesk.app.security.HomePage;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * OpenID Connect sign-in (authorization code flow) beside the password form: the button on the
 * sign-in page, the flow's endpoints ({@value #START} and {@code /login/oauth2/code/oidc}) and the
 * provider that turns the provider's answer into a Flowdesk sign-in.
 */
public final class OidcSignIn {

  /** Where the button leads: the redirect to the provider. */
  public static final String START = "/oauth2/authorization/" + DiscoveredClientRegistration.ID;

  private final OidcProperties properties;
  private final DiscoveredClientRegistration registration;
  private final OidcPeople people;

  OidcSignIn(final OidcProperties properties, final ExternalPeople people) {
    this.properties = properties;
    this.registration = new DiscoveredClientRegistration(properties);
    this.people = new OidcPeople(people, properties);
  }

  /** The button's text, e.g. "Sign in with Contoso". */
  public String buttonLabel() {
    return "Sign in with " + properties.getDisplayName();
  }

  /**
   * Checks the provider's code, tokens and user; belongs in the people chain's authentication
   * manager, which the OAuth2 login filter uses.
   */
  public AuthenticationProvider authenticationProvider() {
    return new OidcAuthorizationCodeAuthenticationProvider(
        new RestClientAuthorizationCodeTokenResponseClient(), people);
  }

  /**
   * Adds the flow to {@code http}: it starts at {@value #START}, a failure (bad state, a token of
   * another issuer, a refused person) ends on the sign-in page through {@code failure}.
   */
  public void configure(
      final HttpSecurity http, final String loginPage, final AuthenticationFailureHandler failure)
      throws Exception {
    http.oauth2Login(
        login ->
            login
                .loginPage(loginPage)
                .clientRegistrationRepository(registration)
                // The tokens are not used after sign-in; the session is where they are forgotten.
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                .successHandler(HomePage.onwards())
                .failureHandler(failure));
  }
}
