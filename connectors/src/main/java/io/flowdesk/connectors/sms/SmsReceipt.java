package io.flowdesk.connectors.sms;

/**
 * Twilio accepted a message.
 *
 * @param sid the message SID ({@code SM...}), the key of later status callbacks
 * @param status Twilio's status at acceptance, usually {@code queued} or {@code accepted}
 * @param to the recipient in E.164 form
 */
public record SmsReceipt(String sid, String status, String to) {}
