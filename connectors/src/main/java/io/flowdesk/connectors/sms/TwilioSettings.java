package io.flowdesk.connectors.sms;

import io.flowdesk.connectors.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Twilio account {@link SmsSender} sends through.
 *
 * @param from the sending phone number (E.164) or a Messaging Service SID ({@code MG...})
 * @param statusCallback where Twilio reports delivery status, or {@code null}; see {@link
 *     StatusCallbackVerifier}
 * @param apiBaseUrl {@code null} for Twilio itself; otherwise {@code scheme://host[:port]} of a
 *     Twilio-compatible API (a relay, or a test server) that receives the same requests
 * @param retryPolicy attempts and back-off for 429 and 5xx answers and refused connections
 */
public record TwilioSettings(
    String accountSid,
    char[] authToken,
    String from,
    URI statusCallback,
    URI apiBaseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    RetryPolicy retryPolicy) {

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

  public TwilioSettings {
    if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException(
          "'" + accountSid + "' is not a Twilio account SID (AC and 32 hex digits)");
    }
    if (authToken == null || authToken.length == 0) {
      throw new IllegalArgumentException("Twilio auth token for " + accountSid + " is missing");
    }
    authToken = authToken.clone();
    if (from == null || !SERVICE_SID.matcher(from).matches()) {
      from = PhoneNumbers.requireE164(from);
    }
    if (apiBaseUrl != null
        && (apiBaseUrl.getHost() == null
            || !(apiBaseUrl.getPath() == null || apiBaseUrl.getPath().isEmpty())
            || !("https".equals(apiBaseUrl.getScheme())
                || "http".equals(apiBaseUrl.getScheme())))) {
      throw new IllegalArgumentException(
          "apiBaseUrl must be scheme://host[:port] without a path, was " + apiBaseUrl);
    }
    connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(10));
    readTimeout = Objects.requireNonNullElse(readTimeout, Duration.ofSeconds(30));
    retryPolicy = Objects.requireNonNullElse(retryPolicy, RetryPolicy.DEFAULT);
  }

  /** Twilio itself, default timeouts (10 s connect, 30 s read) and retries, no status callback. */
  public static TwilioSettings of(
      final String accountSid, final char[] authToken, final String from) {
    return new TwilioSettings(accountSid, authToken, from, null, null, null, null, null);
  }

  public TwilioSettings withStatusCallback(final URI statusCallback) {
    return new TwilioSettings(
        accountSid,
        authToken,
        from,
        statusCallback,
        apiBaseUrl,
        connectTimeout,
        readTimeout,
        retryPolicy);
  }

  public TwilioSettings withApiBaseUrl(final URI apiBaseUrl) {
    return new TwilioSettings(
        accountSid,
        authToken,
        from,
        statusCallback,
        apiBaseUrl,
        connectTimeout,
        readTimeout,
        retryPolicy);
  }

  public TwilioSettings withRetryPolicy(final RetryPolicy retryPolicy) {
    return new TwilioSettings(
        accountSid,
        authToken,
        from,
        statusCallback,
        apiBaseUrl,
        connectTimeout,
        readTimeout,
        retryPolicy);
  }

  @Override
  public char[] authToken() {
    return authToken.clone();
  }

  boolean fromIsMessagingService() {
    return SERVICE_SID.matcher(from).matches();
  }

  /** The host requests go to, for error messages. */
  String apiHost() {
    return apiBaseUrl == null ? "api.twilio.com" : apiBaseUrl.getAuthority();
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof TwilioSettings that
        && accountSid.equals(that.accountSid)
        && Arrays.equals(authToken, that.authToken)
        && from.equals(that.from)
        && Objects.equals(statusCallback, that.statusCallback)
        && Objects.equals(apiBaseUrl, that.apiBaseUrl)
        && connectTimeout.equals(that.connectTimeout)
        && readTimeout.equals(that.readTimeout)
        && retryPolicy.equals(that.retryPolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountSid, from, statusCallback, apiBaseUrl);
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=***, from="
        + from
        + ", statusCallback="
        + statusCallback
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", retryPolicy="
        + retryPolicy
        + "]";
  }
}
