package io.flowdesk.app.security.sso;

import java.util.Set;

/**
 * A person as a single sign-on provider vouched for them.
 *
 * @param issuer who vouched: an OpenID Connect issuer, or {@value LdapSignIn#ISSUER}
 * @param subject the provider's stable id for the person
 * @param username the username the provider suggests (made a valid Flowdesk username when a person
 *     is created; an existing person keeps theirs)
 * @param memberships the provider's role and group values, looked up in the {@link SsoMapping}
 */
public record ExternalIdentity(
    String issuer,
    String subject,
    String username,
    String displayName,
    String email,
    Set<String> memberships) {

  public ExternalIdentity {
    memberships = Set.copyOf(memberships);
  }
}
