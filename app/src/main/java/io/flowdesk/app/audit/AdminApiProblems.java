package io.flowdesk.app.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The admin API's errors ({@code /api/admin/audit}, {@code /api/admin/people/...}: controllers
 * marked {@link AdminApi}) as RFC 9457 problem documents naming what was wrong.
 */
@RestControllerAdvice(annotations = AdminApi.class)
class AdminApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(final IllegalArgumentException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    return problem;
  }

  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(final ResponseStatusException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    problem.setTitle(HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase());
    return problem;
  }
}
