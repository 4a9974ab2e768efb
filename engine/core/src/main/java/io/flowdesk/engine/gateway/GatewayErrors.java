package io.flowdesk.engine.gateway;

import io.flowdesk.engine.support.Rejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps engine rejections onto the gRPC status codes Zeebe's gateway answers with. */
final class GatewayErrors {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayErrors.class);

  private GatewayErrors() {}

  static <T> void answer(final StreamObserver<T> observer, final Supplier<T> command) {
    final T response;
    try {
      response = command.get();
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  static StatusRuntimeException toStatus(final Throwable error) {
    if (error instanceof CompletionException completion && completion.getCause() != null) {
      return toStatus(completion.getCause());
    }
    if (error instanceof StatusRuntimeException status) {
      return status;
    }
    if (error instanceof Rejection rejection) {
      return statusOf(rejection.type())
          .withDescription(rejection.getMessage())
          .asRuntimeException();
    }
    LOG.error("Unexpected failure while processing a gateway request", error);
    return Status.INTERNAL
        .withDescription("Unexpected error while processing the command: " + error)
        .asRuntimeException();
  }

  private static Status statusOf(final Rejection.Type type) {
    return switch (type) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case INVALID_STATE -> Status.FAILED_PRECONDITION;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case TIMEOUT -> Status.DEADLINE_EXCEEDED;
      case PROCESSING_ERROR -> Status.INTERNAL;
      case UNAVAILABLE -> Status.UNAVAILABLE;
    };
  }
}
