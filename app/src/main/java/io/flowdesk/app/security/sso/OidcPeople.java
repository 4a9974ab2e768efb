package io.flowdesk.app.security.sso;

import io.flowdesk.app.security.Roles;
import io.flowdesk.domain.directory.Person;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * After the provider vouched for someone (ID token checked, UserInfo read): the Flowdesk person
 * they are, from {@link ExternalPeople}, with the same role authorities a local sign-in carries and
 * the Flowdesk username as the sign-in's name, so every page sees them as it sees a local person.
 */
final class OidcPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OAuth2UserService<OidcUserRequest, OidcUser> provider = new OidcUserService();
  private final ExternalPeople people;
  private final OidcProperties properties;

  OidcPeople(final ExternalPeople people, final OidcProperties properties) {
    this.people = people;
    this.properties = properties;
  }

  @Override
  public OidcUser loadUser(final OidcUserRequest request) {
    final OidcUser vouched = provider.loadUser(request);
    final Map<String, Object> claims = vouched.getClaims();
    final Set<String> memberships = new HashSet<>();
    memberships.addAll(values(claims, properties.getRolesClaim()));
    memberships.addAll(values(claims, properties.getGroupsClaim()));
    final Person person =
        people.signIn(
            new ExternalIdentity(
                vouched.getIdToken().getIssuer().toString(),
                vouched.getSubject(),
                text(claims, properties.getUsernameClaim()),
                text(claims, properties.getNameClaim()),
                text(claims, properties.getEmailClaim()),
                memberships),
            properties.mapping());
    final List<GrantedAuthority> authorities =
        person.roles().stream()
            .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(role)))
            .toList();
    return new SignedInOidcUser(authorities, vouched, person.username());
  }

  /** A claim by name, or by a dotted path into nested claims ({@code realm_access.roles}). */
  private static Object claim(final Map<String, Object> claims, final String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object value = claims;
    for (final String step : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(step);
    }
    return value;
  }

  private static String text(final Map<String, Object> claims, final String path) {
    final Object value = claim(claims, path);
    return value == null ? null : value.toString();
  }

  /** A claim holding one value or a list of them (Keycloak roles, Entra ID group ids). */
  private static Set<String> values(final Map<String, Object> claims, final String path) {
    final Object value = claim(claims, path);
    final Set<String> values = new HashSet<>();
    if (value instanceof Collection<?> many) {
      many.stream().filter(v -> v != null).forEach(v -> values.add(v.toString()));
    } else if (value != null) {
      values.add(value.toString());
    }
    return values;
  }

  /** The provider's user, named by the Flowdesk username. */
  static final class SignedInOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String username;

    SignedInOidcUser(
        final Collection<GrantedAuthority> authorities,
        final OidcUser vouched,
        final String username) {
      super(authorities, vouched.getIdToken(), vouched.getUserInfo());
      this.username = username;
    }

    @Override
    public String getName() {
      return username;
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof SignedInOidcUser that
          && super.equals(that)
          && username.equals(that.username);
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + username.hashCode();
    }
  }
}
