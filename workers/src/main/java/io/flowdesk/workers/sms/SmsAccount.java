package io.flowdesk.workers.sms;

import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.sms.TwilioSettings;
import java.net.URI;

/**
 * The Twilio account the SMS worker sends through. The auth token is not here: it is the secret
 * {@code authTokenSecret}, looked up per job so that a rotated token needs no restart.
 *
 * @param apiBaseUrl null for Twilio itself
 */
public record SmsAccount(
    String accountSid,
    String authTokenSecret,
    String from,
    URI apiBaseUrl,
    RetryPolicy retryPolicy) {

  private static final URI TWILIO_API = URI.create("https://api.twilio.com");

  /** Where the auth token is sent: the configured base URL, else Twilio's API. */
  URI apiUrl() {
    return apiBaseUrl != null ? apiBaseUrl : TWILIO_API;
  }

  TwilioSettings settings(final char[] authToken) {
    TwilioSettings settings = TwilioSettings.of(accountSid, authToken, from);
    if (apiBaseUrl != null) {
      settings = settings.withApiBaseUrl(apiBaseUrl);
    }
    return retryPolicy == null ? settings : settings.withRetryPolicy(retryPolicy);
  }
}
