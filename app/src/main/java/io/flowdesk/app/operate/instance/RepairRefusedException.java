package io.flowdesk.app.operate.instance;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A repair the console or the engine refused, with the reason to show beside the form it came from;
 * nothing was changed.
 */
class RepairRefusedException extends RuntimeException {

  private final String form;
  private final HttpStatus status;

  RepairRefusedException(final String form, final HttpStatus status, final String message) {
    super(message);
    this.form = form;
    this.status = status;
  }

  /** The engine's refusal of a command sent from {@code form}, in the engine's own words. */
  static RepairRefusedException byEngine(final String form, final RuntimeException refusal) {
    if (refusal instanceof ProblemException problem && problem.details() != null) {
      return new RepairRefusedException(
          form, status(problem.code()), "The engine refused: " + problem.details().getDetail());
    }
    if (refusal instanceof ClientHttpException http) {
      return new RepairRefusedException(
          form, status(http.code()), "The engine refused: " + http.reason());
    }
    if (refusal instanceof ClientStatusException grpc) {
      return new RepairRefusedException(
          form, HttpStatus.CONFLICT, "The engine refused: " + grpc.getStatus().getDescription());
    }
    throw refusal;
  }

  private static HttpStatus status(final int code) {
    final HttpStatus status = HttpStatus.resolve(code);
    return status != null && status.is4xxClientError() ? status : HttpStatus.CONFLICT;
  }

  /** Which of the page's forms the refusal belongs beside. */
  String form() {
    return form;
  }

  HttpStatus status() {
    return status;
  }
}
