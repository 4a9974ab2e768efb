package io.flowdesk.connectors.sms;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a status callback really comes from Twilio: the {@code X-Twilio-Signature} header is
 * an HMAC of the callback URL and form parameters under the account's auth token. Only a verified
 * callback yields a {@link SmsStatusUpdate}.
 */
public final class StatusCallbackVerifier {

  private final RequestValidator validator;

  public StatusCallbackVerifier(final char[] authToken) {
    if (authToken == null || authToken.length == 0) {
      throw new IllegalArgumentException("Twilio auth token is missing");
    }
    this.validator = new RequestValidator(new String(authToken));
  }

  /**
   * @param url the full URL Twilio called, as configured in {@link TwilioSettings#statusCallback()}
   *     (scheme, host, port, path and query), not as rebuilt behind a proxy
   * @param params the POSTed form parameters
   * @param signature the {@code X-Twilio-Signature} header, may be null
   * @return the update, or empty when the signature is missing or does not match
   */
  public Optional<SmsStatusUpdate> verify(
      final String url, final Map<String, String> params, final String signature) {
    if (signature == null || signature.isBlank() || !validator.validate(url, params, signature)) {
      return Optional.empty();
    }
    final String sid = params.get("MessageSid");
    final String status = params.get("MessageStatus");
    if (sid == null || status == null) {
      return Optional.empty();
    }
    final String errorCode = params.get("ErrorCode");
    return Optional.of(
        new SmsStatusUpdate(
            sid,
            status,
            params.get("To"),
            errorCode == null || errorCode.isBlank() ? null : Integer.valueOf(errorCode)));
  }
}
