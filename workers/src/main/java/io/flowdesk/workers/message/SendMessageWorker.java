package io.flowdesk.workers.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.CorrelateMessageCommandStep1.CorrelateMessageCommandStep3;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.command.PublishMessageCommandStep1.PublishMessageCommandStep3;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.client.api.response.PublishMessageResponse;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import io.flowdesk.workers.UnresolvableJobException;
import io.grpc.Status;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Task type {@code io.camunda:sendMessage:1}: Camunda's Message Send connector (element templates
 * {@code io.camunda.connectors.message.*.v1}, on send tasks, intermediate throw and message end
 * events), the way Camunda 8.8 documents publishing a message from a diagram. Thin: it publishes or
 * correlates through the camunda client, so it works on the embedded engine and on a Camunda 8
 * cluster alike.
 *
 * <p>Inputs (the template's {@code zeebe:input}s): {@code messageName}, optional {@code
 * correlationKey} (empty: a message for message start events), {@code variables} (the payload: a
 * FEEL context, or JSON text), {@code correlationType} {@code {type, timeToLive, messageId}} with
 * {@code type} {@code publish} (buffered for {@code timeToLive}, ISO-8601 or milliseconds; answers
 * {@code {messageKey, tenantId}}) or {@code correlate} (not buffered; answers {@code {messageKey,
 * processInstanceKey, tenantId}}), {@code tenantId}, {@code requestTimeout}. Header {@code
 * resultVariable} receives the answer.
 *
 * <p>As with Camunda's connector runtime, failures are job failures, not BPMN errors: a message
 * nothing waits for (correlate: 404 Not found) or an unreachable engine fails the job with one
 * retry less after header {@code retryBackoff}, so it ends in an incident naming the 404 once the
 * retries are spent; bad inputs and refused commands fail it without retries (an incident naming
 * the problem). Headers {@code resultExpression} and {@code errorExpression} need FEEL, which this
 * worker does not evaluate: a job that sets them is refused with an incident saying so, rather than
 * silently ignoring them.
 */
public class SendMessageWorker {

  public static final String TYPE = "io.camunda:sendMessage:1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamundaClient camunda;
  private final Duration defaultBackoff;
  private final JobOutcomes outcomes;

  public SendMessageWorker(final CamundaClient camunda, final Duration retryBackoff) {
    this.camunda = camunda;
    this.defaultBackoff = retryBackoff;
    this.outcomes = new JobOutcomes("message", retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, inputs -> send(inputs, job));
  }

  /** Publishes or correlates the job's message and answers its result variables. */
  Map<String, Object> send(final JobInputs inputs, final ActivatedJob job) {
    final Message message;
    try {
      refuseFeelHeaders(inputs);
      message = Message.of(inputs);
    } catch (InvalidJobInputException e) {
      // Camunda's runtime makes bad inputs an incident, not a BPMN error the process could catch.
      throw new UnresolvableJobException(e.getMessage());
    }
    try {
      return inputs.resultAs(
          message.correlate() ? correlate(message).answer() : publish(message).answer());
    } catch (CompletionException | ClientStatusException | ProblemException e) {
      throw failure(message, unwrap(e), backoff(inputs));
    }
  }

  private static void refuseFeelHeaders(final JobInputs inputs) {
    for (final String header : new String[] {"resultExpression", "errorExpression"}) {
      if (inputs.header(header).isPresent()) {
        throw new InvalidJobInputException(
            "header '"
                + header
                + "' is a FEEL expression, which Flowdesk's Message Send worker does not evaluate;"
                + " use 'resultVariable' instead");
      }
    }
  }

  private Answer publish(final Message message) {
    PublishMessageCommandStep3 command =
        camunda
            .newPublishMessageCommand()
            .messageName(message.name())
            .correlationKey(message.correlationKey().orElse(""))
            .variables(message.payload())
            .timeToLive(message.timeToLive());
    if (message.messageId().isPresent()) {
      command = command.messageId(message.messageId().get());
    }
    if (message.tenantId().isPresent()) {
      command = command.tenantId(message.tenantId().get());
    }
    final FinalCommandStep<PublishMessageResponse> last =
        message.requestTimeout().isPresent()
            ? command.requestTimeout(message.requestTimeout().get())
            : command;
    final PublishMessageResponse published = last.send().join();
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messageKey", published.getMessageKey());
    answer.put("tenantId", published.getTenantId());
    return new Answer(answer);
  }

  private Answer correlate(final Message message) {
    CorrelateMessageCommandStep3 command =
        message.correlationKey().isPresent()
            ? camunda
                .newCorrelateMessageCommand()
                .messageName(message.name())
                .correlationKey(message.correlationKey().get())
            : camunda
                .newCorrelateMessageCommand()
                .messageName(message.name())
                .withoutCorrelationKey();
    command = command.variables(message.payload());
    if (message.tenantId().isPresent()) {
      command = command.tenantId(message.tenantId().get());
    }
    final FinalCommandStep<CorrelateMessageResponse> last =
        message.requestTimeout().isPresent()
            ? command.requestTimeout(message.requestTimeout().get())
            : command;
    final CorrelateMessageResponse correlated = last.send().join();
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messageKey", correlated.getMessageKey());
    answer.put("processInstanceKey", correlated.getProcessInstanceKey());
    answer.put("tenantId", correlated.getTenantId());
    return new Answer(answer);
  }

  /** What the job's outcome is when the engine refused or did not answer. */
  private RuntimeException failure(
      final Message message, final Throwable error, final Duration backoff) {
    final String what =
        (message.correlate() ? "correlating" : "publishing")
            + " message '"
            + message.name()
            + "'"
            + message.correlationKey().map(k -> " with correlation key '" + k + "'").orElse("");
    if (error instanceof ProblemException problem) {
      final int status = problem.code();
      final String detail =
          problem.details() != null && problem.details().getDetail() != null
              ? problem.details().getDetail()
              : problem.getMessage();
      final String text = what + " failed: " + status + " " + reason(status) + ": " + detail;
      return retryable(status) ? new ConnectorException(text, true, backoff, error) : refused(text);
    }
    if (error instanceof ClientStatusException grpc) {
      final Status.Code code = grpc.getStatusCode();
      final String text = what + " failed: " + code + ": " + grpc.getMessage();
      final boolean retry =
          code == Status.Code.NOT_FOUND
              || code == Status.Code.UNAVAILABLE
              || code == Status.Code.DEADLINE_EXCEEDED
              || code == Status.Code.RESOURCE_EXHAUSTED;
      return retry ? new ConnectorException(text, true, backoff, error) : refused(text);
    }
    return new ConnectorException(what + " failed: " + error, true, backoff, error);
  }

  private static UnresolvableJobException refused(final String text) {
    return new UnresolvableJobException(text);
  }

  /** A message nothing waits for yet may find a subscription later; so may a busy engine. */
  private static boolean retryable(final int status) {
    return status == 404 || status == 429 || status == 503 || status == 504 || status >= 500;
  }

  private static String reason(final int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      default -> "";
    };
  }

  private static Throwable unwrap(final Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private Duration backoff(final JobInputs inputs) {
    return inputs
        .header("retryBackoff")
        .map(value -> duration(value, "header 'retryBackoff'"))
        .orElse(defaultBackoff);
  }

  /** An ISO-8601 duration ({@code PT10S}) or a number of milliseconds. */
  static Duration duration(final Object value, final String what) {
    if (value instanceof Number number) {
      return Duration.ofMillis(number.longValue());
    }
    final String text = String.valueOf(value).trim();
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      return Duration.ofMillis(Long.parseLong(text));
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new InvalidJobInputException(
          what + " must be an ISO-8601 duration (e.g. PT10S) or milliseconds, was '" + text + "'");
    }
  }

  private record Answer(Map<String, Object> answer) {}

  /** The job's inputs, read and checked before anything is sent. */
  private record Message(
      String name,
      Optional<String> correlationKey,
      Map<String, Object> payload,
      boolean correlate,
      Duration timeToLive,
      Optional<String> messageId,
      Optional<String> tenantId,
      Optional<Duration> requestTimeout) {

    static Message of(final JobInputs inputs) {
      final Map<String, Object> mode = inputs.object("correlationType");
      final String type =
          String.valueOf(mode.getOrDefault("type", "publish")).trim().toLowerCase(Locale.ROOT);
      if (!type.equals("publish") && !type.equals("correlate")) {
        throw new InvalidJobInputException(
            "input 'correlationType.type' must be publish or correlate, was '" + type + "'");
      }
      final Object ttl = mode.get("timeToLive");
      final Object messageId = mode.get("messageId");
      return new Message(
          inputs.text("messageName"),
          inputs.optionalText("correlationKey"),
          payload(inputs.raw("variables")),
          type.equals("correlate"),
          blank(ttl) ? Duration.ZERO : duration(ttl, "input 'correlationType.timeToLive'"),
          blank(messageId) ? Optional.empty() : Optional.of(String.valueOf(messageId)),
          inputs.optionalText("tenantId"),
          inputs
              .optionalText("requestTimeout")
              .map(value -> duration(value, "input 'requestTimeout'")));
    }

    private static boolean blank(final Object value) {
      return value == null || String.valueOf(value).isBlank();
    }

    /** A FEEL context arrives as an object; a payload typed as JSON text is read as JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(final Object value) {
      if (value == null || (value instanceof String text && text.isBlank())) {
        return Map.of();
      }
      if (value instanceof Map<?, ?> map) {
        final Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
      }
      if (value instanceof String text) {
        try {
          final Object parsed = JSON.readValue(text, Object.class);
          if (parsed instanceof Map<?, ?>) {
            return (Map<String, Object>) parsed;
          }
        } catch (JsonProcessingException e) {
          // named below
        }
      }
      throw new InvalidJobInputException(
          "input 'variables' (the payload) must be a FEEL context or a JSON object, was " + value);
    }
  }
}
