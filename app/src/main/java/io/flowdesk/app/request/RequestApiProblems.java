package io.flowdesk.app.request;

import io.flowdesk.app.incident.ProcessNotStartedException;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.domain.request.RequestNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The catalog and request API's errors as RFC 9457 problem documents, each naming what was wrong
 * ({@code errors}: one message per field for refused answers).
 */
@RestControllerAdvice(assignableTypes = RequestApiController.class)
class RequestApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidOrderException.class)
  ProblemDetail invalid(final InvalidOrderException e) {
    final ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e);
    if (!e.fieldErrors().isEmpty()) {
      problem.setProperty("errors", e.fieldErrors());
    }
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalidValue(final IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e);
  }

  @ExceptionHandler(RequestNotFoundException.class)
  ProblemDetail notFound(final RequestNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Request not found", e);
  }

  @ExceptionHandler(UnknownItemException.class)
  ProblemDetail unknownItem(final UnknownItemException e) {
    return problem(HttpStatus.NOT_FOUND, "Catalog item not found", e);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e);
  }

  @ExceptionHandler(TransitionRefusedException.class)
  ProblemDetail conflict(final TransitionRefusedException e) {
    return problem(HttpStatus.CONFLICT, "Not possible in the request's state", e);
  }

  @ExceptionHandler(ProcessNotStartedException.class)
  ProblemDetail processNotStarted(final ProcessNotStartedException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Process did not start", e);
  }

  private static ProblemDetail problem(
      final HttpStatus status, final String title, final RuntimeException e) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(title);
    return problem;
  }
}
