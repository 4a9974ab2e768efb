package io.flowdesk.app.apitoken;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request signed with a personal token: the owner with the roles the directory gives them now,
 * plus the token's scopes as authorities {@code SCOPE_read}, {@code SCOPE_write}.
 */
public final class PersonalTokenAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final String username;
  private final String tokenId;

  PersonalTokenAuthentication(
      final String username,
      final String tokenId,
      final Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.username = username;
    this.tokenId = tokenId;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    // The secret is not kept once checked.
    return "";
  }

  @Override
  public Object getPrincipal() {
    return username;
  }

  public String tokenId() {
    return tokenId;
  }
}
