package io.flowdesk.app.report;

import io.flowdesk.app.record.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The report API's errors as problem documents; a bad parameter is named in {@code errors}. An
 * unknown report (404) comes out as one through the base class.
 */
@RestControllerAdvice(assignableTypes = ReportApiController.class)
class ReportApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(final InvalidRequestException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    problem.setProperty("errors", e.fieldErrors());
    return problem;
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Forbidden");
    return problem;
  }
}
