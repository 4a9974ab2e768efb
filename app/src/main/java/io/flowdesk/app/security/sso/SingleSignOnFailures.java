package io.flowdesk.app.security.sso;

import org.springframework.security.oauth2.core.OAuth2Error;

/** What a person is told when the OpenID Connect flow fails (the details go to the log). */
public final class SingleSignOnFailures {

  private SingleSignOnFailures() {}

  public static String message(final OAuth2Error error) {
    return switch (error.getErrorCode()) {
      case "authorization_request_not_found" ->
          "Single sign-on was not started from this browser or took too long. Please try again.";
      case "access_denied" -> "The sign-in provider did not let you in.";
      case "invalid_id_token", "invalid_nonce", "invalid_token_response" ->
          "The sign-in provider's answer could not be verified, so you were not signed in."
              + " Please try again or ask a Flowdesk administrator.";
      default ->
          "Single sign-on failed ("
              + error.getErrorCode()
              + "). Please try again or ask a Flowdesk administrator.";
    };
  }
}
