package io.flowdesk.app.incident;

import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The incident API's errors as RFC 9457 problem documents ({@code application/problem+json}), each
 * naming what was wrong; Spring MVC's own errors (unreadable JSON, a parameter of the wrong type)
 * come out the same way through the base class.
 */
@RestControllerAdvice(assignableTypes = IncidentApiController.class)
class IncidentApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(final InvalidRequestException e) {
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

  @ExceptionHandler(IncidentNotFoundException.class)
  ProblemDetail notFound(final IncidentNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Incident not found", e);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e);
  }

  @ExceptionHandler({IllegalTransitionException.class, IllegalStateException.class})
  ProblemDetail conflict(final RuntimeException e) {
    return problem(HttpStatus.CONFLICT, "Not possible in the incident's state", e);
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
