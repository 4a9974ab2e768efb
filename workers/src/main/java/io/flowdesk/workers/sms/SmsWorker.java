package io.flowdesk.workers.sms;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.sms.PhoneNumbers;
import io.flowdesk.connectors.sms.SmsReceipt;
import io.flowdesk.connectors.sms.SmsSender;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task type {@code flowdesk:sms} (template {@code io.flowdesk.connectors.sms.v1}): one SMS per
 * number through Twilio. Each number is its own delivery, so a retry after a partial failure sends
 * only to the numbers that have not got it. The auth token's secret must be bound to connector
 * {@code sms} and the API's origin ({@code https://api.twilio.com} unless configured otherwise).
 *
 * <p>Inputs: {@code to} (E.164 numbers, list or comma-separated), {@code message}. Header {@code
 * resultVariable}: receives a list of {@code {to, sid}}. Errors: {@code FLOWDESK_SMS_REJECTED}
 * (number refused, bad credentials), {@code FLOWDESK_SMS_INVALID_INPUT} (malformed number), {@code
 * FLOWDESK_SECRET_MISSING}.
 */
public class SmsWorker {

  public static final String TYPE = "flowdesk:sms";
  public static final String CHANNEL = "sms";
  public static final List<String> INPUTS = List.of("to", "message");

  private final SmsAccount account;
  private final SecretStore secrets;
  private final DeliveryLog deliveries;
  private final JobOutcomes outcomes;

  public SmsWorker(
      final SmsAccount account,
      final SecretStore secrets,
      final DeliveryLog deliveries,
      final Duration retryBackoff) {
    this.account = account;
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.outcomes = new JobOutcomes(CHANNEL, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::send);
  }

  /** Sends the message to every number of the job that has not got it yet. */
  public Map<String, Object> send(final JobInputs inputs) {
    final String message = inputs.text("message");
    final List<String> numbers = inputs.textList("to");
    if (numbers.isEmpty()) {
      throw new InvalidJobInputException("input 'to' has no phone number");
    }
    return inputs.resultAs(deliver(inputs.jobKey(), numbers, message));
  }

  /**
   * Sends {@code message} for job {@code jobKey} to each of {@code numbers} that has not got it
   * yet; other workers that tell people something send through here, so every SMS is in the
   * delivery log and sent once per job and number.
   *
   * @return {@code {to, sid}} per number
   */
  public List<Map<String, Object>> deliver(
      final long jobKey, final List<String> numbers, final String message) {
    // Every number is checked before the first SMS goes out: all or none of a bad list.
    final List<String> recipients = numbers.stream().map(PhoneNumbers::requireE164).toList();
    final char[] token = secrets.resolve(account.authTokenSecret(), CHANNEL, account.apiUrl());
    final SmsSender sender;
    try {
      sender = new SmsSender(account.settings(token));
    } finally {
      Arrays.fill(token, '\0');
    }
    final List<Map<String, Object>> sent = new ArrayList<>();
    for (final String to : recipients) {
      final Delivery delivery = deliveries.claim(jobKey, CHANNEL, to);
      String sid = delivery.providerId();
      if (!delivery.isSent()) {
        try {
          final SmsReceipt receipt = sender.send(to, message);
          sid = receipt.sid();
        } catch (RuntimeException e) {
          deliveries.markFailed(delivery.id(), e.getMessage());
          throw e;
        }
        deliveries.markSent(delivery.id(), sid);
      }
      final Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("to", to);
      entry.put("sid", sid);
      sent.add(entry);
    }
    return sent;
  }
}
