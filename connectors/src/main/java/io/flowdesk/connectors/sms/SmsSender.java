package io.flowdesk.connectors.sms;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.flowdesk.connectors.ConnectorException;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/**
 * Sends SMS through Twilio's Messages API with the Twilio SDK.
 *
 * <p>Numbers are checked (E.164) before anything is sent. Rate limits (429) and server errors (5xx)
 * are retried per the settings' {@link io.flowdesk.connectors.RetryPolicy}, waiting as long as
 * Retry-After asks; a refused connect is retried too. What remains becomes a {@link
 * ConnectorException}: retryable for 429, 5xx and unreachable, not for a refused number ({@link
 * InvalidRecipientException}), bad credentials or other 4xx. Note that a 5xx after Twilio created
 * the message can make a retry send it twice, as with the SDK's own retries.
 *
 * <p>Thread-safe; build one per account and share it.
 */
public final class SmsSender {

  /** Twilio error codes that say the recipient number itself is the problem. */
  private static final Set<Integer> RECIPIENT_ERRORS = Set.of(21211, 21214, 21217, 21610, 21614);

  private final TwilioSettings settings;
  private final TwilioRestClient client;

  public SmsSender(final TwilioSettings settings) {
    this(settings, Clock.systemUTC());
  }

  SmsSender(final TwilioSettings settings, final Clock clock) {
    this.settings = settings;
    this.client =
        new TwilioRestClient.Builder(settings.accountSid(), new String(settings.authToken()))
            .httpClient(new TwilioHttpClient(settings, clock))
            .build();
  }

  /**
   * Sends one text message.
   *
   * @param to the recipient; spaces, dashes, dots and parentheses are ignored, the rest must be
   *     E.164
   */
  public SmsReceipt send(final String to, final String body) {
    final String number = PhoneNumbers.requireE164(to);
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("SMS to " + number + " has no text");
    }
    final MessageCreator creator =
        settings.fromIsMessagingService()
            ? Message.creator(new PhoneNumber(number), settings.from(), body)
            : Message.creator(new PhoneNumber(number), new PhoneNumber(settings.from()), body);
    if (settings.statusCallback() != null) {
      creator.setStatusCallback(settings.statusCallback());
    }
    try {
      final Message message = creator.create(client);
      return new SmsReceipt(message.getSid(), String.valueOf(message.getStatus()), number);
    } catch (TwilioException failure) {
      throw translate(failure, to);
    }
  }

  private ConnectorException translate(final TwilioException failure, final String to) {
    final String api = "Twilio API at " + settings.apiHost();
    final TwilioHttpClient.Outcome outcome = TwilioHttpClient.lastOutcome();
    // Our client saw the real status of a final 429/5xx; the SDK's copy comes from the body.
    final Integer status =
        outcome != null
            ? Integer.valueOf(outcome.status())
            : failure instanceof ApiException apiFailure
                    && apiFailure.getStatusCode() != null
                    && apiFailure.getStatusCode() > 0
                ? apiFailure.getStatusCode()
                : null;
    final Integer code =
        failure instanceof ApiException apiFailure
                && apiFailure.getCode() != null
                && apiFailure.getCode() > 0
            ? apiFailure.getCode()
            : null;
    if (status == null) {
      final boolean network = failure.getCause() instanceof IOException;
      return new ConnectorException(
          (network ? "cannot reach " : "no answer from ") + api + ": " + failure.getMessage(),
          true,
          failure);
    }
    final String detail =
        "HTTP "
            + status
            + (code == null ? "" : ", Twilio error " + code)
            + ": "
            + failure.getMessage();
    if (code != null && RECIPIENT_ERRORS.contains(code)) {
      return new InvalidRecipientException(
          to, api + " refused recipient " + to + " (" + detail + ")");
    }
    if (status == 429 || status >= 500) {
      return new ConnectorException(
          api + " did not take the SMS to " + to + " (" + detail + ")",
          true,
          outcome == null ? null : outcome.retryAfter(),
          failure);
    }
    if (status == 401 || status == 403) {
      return new ConnectorException(
          api
              + " rejected the credentials of account "
              + settings.accountSid()
              + " ("
              + detail
              + ")",
          false,
          failure);
    }
    return new ConnectorException(
        api + " refused the SMS to " + to + " (" + detail + ")", false, failure);
  }

  @Override
  public String toString() {
    return "SmsSender[" + settings + "]";
  }
}
