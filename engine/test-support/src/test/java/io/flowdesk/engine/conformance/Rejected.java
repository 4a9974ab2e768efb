package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.ThrowingConsumer;

/**
 * Asserts how the engine refused a command, whichever API the client used: the gRPC status code, or
 * the HTTP status the REST API answers for it (as Camunda's REST API maps rejections).
 */
final class Rejected {

  private Rejected() {}

  static ThrowingConsumer<Throwable> as(final Status.Code code) {
    return error -> {
      final Throwable refusal = unwrap(error);
      if (refusal instanceof ClientStatusException grpc) {
        assertThat(grpc.getStatusCode()).as("gRPC status").isEqualTo(code);
      } else if (refusal instanceof ProblemException problem) {
        assertThat(problem.code()).as("HTTP status for %s", code).isEqualTo(httpStatus(code));
        assertThat(problem.details().getDetail()).as("problem detail").isNotBlank();
      } else {
        fail("Expected the engine to refuse with " + code + ", but got " + refusal, refusal);
      }
    };
  }

  static int httpStatus(final Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case NOT_FOUND -> 404;
      case FAILED_PRECONDITION, ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 413;
      case UNIMPLEMENTED -> 501;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }

  private static Throwable unwrap(final Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
