package io.flowdesk.workers.mail;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.OutgoingMail;
import io.flowdesk.connectors.mail.SentMail;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Task type {@code flowdesk:email} (template {@code io.flowdesk.connectors.email.v1}): sends one
 * mail per job and records it in the {@link DeliveryLog}, so a retried job does not mail twice.
 *
 * <p>Inputs: {@code to} (list or comma-separated), optional {@code cc}, {@code subject}, {@code
 * body} and/or {@code htmlBody}, optional {@code recordToken} (e.g. {@code INC0001234}, put into
 * Message-ID and subject). Header {@code resultVariable}: receives {@code {messageId, recipients}}.
 * Errors: {@code FLOWDESK_EMAIL_REJECTED} (server refused credentials or recipients), {@code
 * FLOWDESK_EMAIL_INVALID_INPUT}, {@code FLOWDESK_SECRET_MISSING}.
 */
public class EmailWorker {

  public static final String TYPE = "flowdesk:email";
  public static final String CHANNEL = "email";

  /** The {@code zeebe:input} names this worker reads. */
  public static final List<String> INPUTS =
      List.of("to", "cc", "subject", "body", "htmlBody", "recordToken");

  private final MailSender sender;
  private final DeliveryLog deliveries;
  private final JobOutcomes outcomes;

  public EmailWorker(
      final MailSender sender, final DeliveryLog deliveries, final Duration retryBackoff) {
    this.sender = sender;
    this.deliveries = deliveries;
    this.outcomes = new JobOutcomes(CHANNEL, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::send);
  }

  /** Sends the job's mail unless its delivery is already recorded as sent. */
  public Map<String, Object> send(final JobInputs inputs) {
    final OutgoingMail.Builder builder =
        OutgoingMail.builder()
            .to(inputs.textList("to").toArray(String[]::new))
            .cc(inputs.textList("cc").toArray(String[]::new))
            .subject(inputs.text("subject"));
    inputs.optionalText("body").ifPresent(builder::text);
    inputs.optionalText("htmlBody").ifPresent(builder::html);
    inputs.optionalText("recordToken").ifPresent(builder::token);
    final OutgoingMail mail = builder.build();
    final Sent sent = deliver(inputs.jobKey(), mail);
    return inputs.resultAs(result(sent.messageId(), sent.recipients()));
  }

  /** A mail handed to the server (now or by an earlier attempt of the same job). */
  public record Sent(String messageId, List<String> recipients) {}

  /**
   * Sends {@code mail} for job {@code jobKey} unless its delivery is already recorded as sent;
   * other workers that tell people something (e.g. a request's requester) send through here, so
   * every mail is in the delivery log and sent once per job.
   */
  public Sent deliver(final long jobKey, final OutgoingMail mail) {
    final List<String> recipients = Stream.concat(mail.to().stream(), mail.cc().stream()).toList();
    // SMTP takes a mail for all its recipients at once, so the whole list is one delivery.
    final String recipientKey =
        String.join(
            ",", recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList());

    final Delivery delivery = deliveries.claim(jobKey, CHANNEL, recipientKey);
    if (delivery.isSent()) {
      return new Sent(delivery.providerId(), recipients);
    }
    final SentMail sent;
    try {
      sent = sender.send(mail);
    } catch (RuntimeException e) {
      deliveries.markFailed(delivery.id(), e.getMessage());
      throw e;
    }
    deliveries.markSent(delivery.id(), sent.messageId());
    return new Sent(sent.messageId(), recipients);
  }

  private static Map<String, Object> result(final String messageId, final List<String> recipients) {
    return Map.of("messageId", messageId, "recipients", recipients);
  }
}
