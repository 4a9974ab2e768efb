package io.flowdesk.app.security.sso;

import io.flowdesk.app.security.Roles;
import io.flowdesk.domain.directory.Person;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;

/**
 * Signs people in with a bind to an LDAP server or Active Directory, behind the local accounts: a
 * username and password the directory accepts make the linked Flowdesk person (created at the first
 * sign-in), whose mapped roles and groups follow the LDAP groups at every sign-in. The link is
 * {@value #ISSUER} plus the username in lower case, so an LDAP user never becomes a local person of
 * the same name.
 */
public final class LdapSignIn implements AuthenticationProvider {

  static final String ISSUER = "ldap";

  private final LdapProperties properties;
  private final ExternalPeople people;
  private final BindAuthenticator binds;
  private final DefaultLdapAuthoritiesPopulator groups;

  LdapSignIn(final LdapProperties properties, final ExternalPeople people) {
    this.properties = properties;
    this.people = people;
    final DefaultSpringSecurityContextSource server =
        new DefaultSpringSecurityContextSource(properties.getUrl());
    if (properties.getManagerDn() != null && !properties.getManagerDn().isBlank()) {
      server.setUserDn(properties.getManagerDn());
      server.setPassword(properties.getManagerPassword());
    }
    // Without these, a server that does not answer holds the sign-in for minutes.
    final String millis = Long.toString(properties.getTimeout().toMillis());
    final Map<String, Object> environment = new HashMap<>();
    environment.put("com.sun.jndi.ldap.connect.timeout", millis);
    environment.put("com.sun.jndi.ldap.read.timeout", millis);
    server.setBaseEnvironmentProperties(environment);
    server.afterPropertiesSet();
    binds = new BindAuthenticator(server);
    if (properties.getUserDnPattern() != null && !properties.getUserDnPattern().isBlank()) {
      binds.setUserDnPatterns(new String[] {properties.getUserDnPattern()});
    } else {
      binds.setUserSearch(
          new FilterBasedLdapUserSearch(
              properties.getUserSearchBase(), properties.getUserSearchFilter(), server));
    }
    groups = new DefaultLdapAuthoritiesPopulator(server, properties.getGroupSearchBase());
    groups.setGroupSearchFilter(properties.getGroupSearchFilter());
    groups.setGroupRoleAttribute(properties.getGroupNameAttribute());
    groups.setSearchSubtree(true);
    groups.setRolePrefix("");
    groups.setConvertToUpperCase(false);
    groups.setIgnorePartialResultException(true);
  }

  /** Local accounts first, then this directory: the provider for the password form. */
  public AuthenticationProvider behind(final AuthenticationProvider local) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(final Authentication attempt) {
        try {
          return local.authenticate(attempt);
        } catch (InternalAuthenticationServiceException broken) {
          throw broken;
        } catch (AuthenticationException notLocal) {
          return LdapSignIn.this.authenticate(attempt);
        }
      }

      @Override
      public boolean supports(final Class<?> authentication) {
        return local.supports(authentication);
      }
    };
  }

  @Override
  public Authentication authenticate(final Authentication attempt) {
    final String username = attempt.getName();
    if (username == null
        || username.isBlank()
        || !(attempt.getCredentials() instanceof String password)
        || password.isEmpty()) {
      // An empty password would be an anonymous bind, which many servers accept.
      throw new BadCredentialsException("no username or password");
    }
    final DirContextOperations entry;
    final Set<String> memberships;
    try {
      entry = binds.authenticate(attempt);
      memberships =
          groups.getGrantedAuthorities(entry, username).stream()
              .map(GrantedAuthority::getAuthority)
              .collect(Collectors.toSet());
    } catch (org.springframework.ldap.NamingException
        | InternalAuthenticationServiceException down) {
      throw new DirectoryServerUnavailableException(properties.getDisplayName(), down);
    }
    final Person person =
        people.signIn(
            new ExternalIdentity(
                ISSUER,
                username.strip().toLowerCase(Locale.ROOT),
                username,
                entry.getStringAttribute(properties.getNameAttribute()),
                entry.getStringAttribute(properties.getEmailAttribute()),
                memberships),
            properties.mapping());
    final List<GrantedAuthority> authorities =
        person.roles().stream()
            .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(role)))
            .toList();
    final UsernamePasswordAuthenticationToken signedIn =
        UsernamePasswordAuthenticationToken.authenticated(person.username(), null, authorities);
    signedIn.setDetails(attempt.getDetails());
    return signedIn;
  }

  @Override
  public boolean supports(final Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
