package io.flowdesk.app.security.sso;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The LDAP server could not be asked. Not a failed guess (the sign-in throttle does not count it);
 * the message is written for the person signing in.
 */
public class DirectoryServerUnavailableException extends InternalAuthenticationServiceException {

  public DirectoryServerUnavailableException(final String displayName, final Throwable cause) {
    super(
        "The "
            + displayName
            + " cannot be reached right now, so directory accounts cannot sign in."
            + " Local Flowdesk accounts still can; please try again later.",
        cause);
  }
}
