package io.flowdesk.workers;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.domain.secret.MissingSecretException;
import io.flowdesk.domain.secret.SecretRefusedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ConnectorJob} and ends the job the way the failure asks for:
 *
 * <ul>
 *   <li>success: complete with the result variables;
 *   <li>a refusal that trying again cannot fix (non-retryable {@link ConnectorException}): BPMN
 *       error {@code FLOWDESK_<CONNECTOR>_REJECTED}, so the process can model an error boundary;
 *   <li>bad input: BPMN error {@code FLOWDESK_<CONNECTOR>_INVALID_INPUT};
 *   <li>a missing secret: BPMN error {@code FLOWDESK_SECRET_MISSING} naming the secret;
 *   <li>a secret its binding keeps from this connector or destination: fail the job with no
 *       retries, so an incident names secret and destination for an operator; not a BPMN error,
 *       which the process that asked for the secret could catch and hide;
 *   <li>a problem only a person can fix ({@link UnresolvableJobException}): fail the job with no
 *       retries, so an incident shows the message;
 *   <li>a worker's own {@link BpmnErrorException}: that code;
 *   <li>anything else (retryable connector failures, unexpected errors): fail the job with one
 *       retry less after the peer's Retry-After or the configured back-off; the engine raises an
 *       incident with the message when no retries are left.
 * </ul>
 *
 * A BPMN error nobody catches also becomes an incident, so no failure goes unseen. Every BPMN error
 * carries {@code errorMessage} as a variable for the catching path.
 */
public final class JobOutcomes {

  /** The code of the BPMN error a missing secret raises. */
  public static final String SECRET_MISSING = "FLOWDESK_SECRET_MISSING";

  private static final Logger LOG = LoggerFactory.getLogger(JobOutcomes.class);

  private final String connector;
  private final Duration retryBackoff;

  /**
   * @param connector the connector's name in error codes, e.g. {@code email}
   * @param retryBackoff how long a failed job waits when the peer did not say
   */
  public JobOutcomes(final String connector, final Duration retryBackoff) {
    this.connector = connector.toUpperCase(Locale.ROOT);
    this.retryBackoff = retryBackoff;
  }

  public String rejectedCode() {
    return "FLOWDESK_" + connector + "_REJECTED";
  }

  public String invalidInputCode() {
    return "FLOWDESK_" + connector + "_INVALID_INPUT";
  }

  /** Runs {@code work} for {@code job} and sends exactly one of complete, throw error or fail. */
  public void handle(final JobClient client, final ActivatedJob job, final ConnectorJob work) {
    final Map<String, Object> result;
    try {
      result = work.execute(new JobInputs(job));
    } catch (MissingSecretException e) {
      throwError(client, job, SECRET_MISSING, e.getMessage());
      return;
    } catch (SecretRefusedException e) {
      LOG.warn(
          "job {} of type {} (process {}, instance {}) refused secret '{}' for {}: {}",
          job.getKey(),
          job.getType(),
          job.getBpmnProcessId(),
          job.getProcessInstanceKey(),
          e.secretName(),
          e.destination(),
          e.getMessage());
      failWithoutRetries(client, job, e.getMessage());
      return;
    } catch (UnresolvableJobException e) {
      LOG.warn(
          "job {} of type {} (process {}, instance {}) needs a person: {}",
          job.getKey(),
          job.getType(),
          job.getBpmnProcessId(),
          job.getProcessInstanceKey(),
          e.getMessage());
      failWithoutRetries(client, job, e.getMessage());
      return;
    } catch (BpmnErrorException e) {
      throwError(client, job, e.errorCode(), e.getMessage());
      return;
    } catch (ConnectorException e) {
      if (e.retryable()) {
        fail(client, job, e.getMessage(), e.retryAfter().orElse(retryBackoff));
      } else {
        throwError(client, job, rejectedCode(), e.getMessage());
      }
      return;
    } catch (IllegalArgumentException e) {
      throwError(client, job, invalidInputCode(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.warn("job {} of type {} failed unexpectedly", job.getKey(), job.getType(), e);
      fail(client, job, e.toString(), retryBackoff);
      return;
    }
    client.newCompleteCommand(job.getKey()).variables(result).send().join();
  }

  private static void throwError(
      final JobClient client, final ActivatedJob job, final String code, final String message) {
    LOG.info(
        "job {} of type {} ends with BPMN error {}: {}",
        job.getKey(),
        job.getType(),
        code,
        message);
    client
        .newThrowErrorCommand(job.getKey())
        .errorCode(code)
        .errorMessage(message)
        .variables(Map.of("errorMessage", message == null ? code : message))
        .send()
        .join();
  }

  private static void failWithoutRetries(
      final JobClient client, final ActivatedJob job, final String message) {
    client.newFailCommand(job.getKey()).retries(0).errorMessage(message).send().join();
  }

  private static void fail(
      final JobClient client,
      final ActivatedJob job,
      final String message,
      final Duration backoff) {
    final int retries = Math.max(job.getRetries() - 1, 0);
    LOG.info(
        "job {} of type {} failed ({} retries left, next in {}): {}",
        job.getKey(),
        job.getType(),
        retries,
        backoff,
        message);
    client
        .newFailCommand(job.getKey())
        .retries(retries)
        .retryBackoff(backoff)
        .errorMessage(message)
        .send()
        .join();
  }
}
