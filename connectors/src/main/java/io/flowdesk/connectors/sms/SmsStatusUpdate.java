package io.flowdesk.connectors.sms;

/**
 * A delivery status Twilio reported for one message.
 *
 * @param messageSid the SID {@link SmsReceipt#sid()} returned at sending
 * @param status {@code queued}, {@code sent}, {@code delivered}, {@code undelivered}, {@code
 *     failed}, ...
 * @param errorCode Twilio's error code for undelivered/failed messages, else {@code null}
 */
public record SmsStatusUpdate(String messageSid, String status, String to, Integer errorCode) {

  /** Whether no further status will follow. */
  public boolean isFinal() {
    return switch (status) {
      case "delivered", "undelivered", "failed", "canceled", "read" -> true;
      default -> false;
    };
  }
}
