package io.flowdesk.app.security.sso;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenID Connect sign-in ({@code flowdesk.security.oidc.*}); off unless {@code issuer-uri} is set.
 * The claims are read from the ID token and the UserInfo endpoint together.
 */
@ConfigurationProperties("flowdesk.security.oidc")
public class OidcProperties extends MappingProperties {

  private String issuerUri;
  private String clientId;
  private String clientSecret;
  private List<String> scopes = List.of("openid", "profile", "email");
  private String usernameClaim = "preferred_username";
  private String emailClaim = "email";
  private String nameClaim = "name";
  private String rolesClaim = "roles";
  private String groupsClaim = "groups";

  public OidcProperties() {
    super("single sign-on");
  }

  public String getIssuerUri() {
    return issuerUri;
  }

  public void setIssuerUri(final String issuerUri) {
    this.issuerUri = issuerUri;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(final String clientId) {
    this.clientId = clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(final String clientSecret) {
    this.clientSecret = clientSecret;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(final List<String> scopes) {
    this.scopes = scopes;
  }

  public String getUsernameClaim() {
    return usernameClaim;
  }

  public void setUsernameClaim(final String usernameClaim) {
    this.usernameClaim = usernameClaim;
  }

  public String getEmailClaim() {
    return emailClaim;
  }

  public void setEmailClaim(final String emailClaim) {
    this.emailClaim = emailClaim;
  }

  public String getNameClaim() {
    return nameClaim;
  }

  public void setNameClaim(final String nameClaim) {
    this.nameClaim = nameClaim;
  }

  public String getRolesClaim() {
    return rolesClaim;
  }

  public void setRolesClaim(final String rolesClaim) {
    this.rolesClaim = rolesClaim;
  }

  public String getGroupsClaim() {
    return groupsClaim;
  }

  public void setGroupsClaim(final String groupsClaim) {
    this.groupsClaim = groupsClaim;
  }
}
