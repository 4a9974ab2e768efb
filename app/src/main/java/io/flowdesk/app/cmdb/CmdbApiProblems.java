package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.CiConflictException;
import io.flowdesk.domain.cmdb.CiNotFoundException;
import io.flowdesk.domain.cmdb.InvalidCiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The CMDB API's errors as RFC 9457 problem documents: refused input names its field ({@code
 * field}, and {@code errors} {field: message} as the other APIs have it).
 */
@RestControllerAdvice(assignableTypes = {CmdbApiController.class, ImportRunsApiController.class})
class CmdbApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(CiConflictException.class)
  ProblemDetail conflict(final CiConflictException e) {
    return withField(problem(HttpStatus.CONFLICT, "Conflict", e), e);
  }

  @ExceptionHandler(InvalidCiException.class)
  ProblemDetail invalid(final InvalidCiException e) {
    return withField(problem(HttpStatus.BAD_REQUEST, "Invalid request", e), e);
  }

  @ExceptionHandler(CiNotFoundException.class)
  ProblemDetail notFound(final CiNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Configuration item not found", e);
  }

  @ExceptionHandler(ImportRunNotFoundException.class)
  ProblemDetail noRun(final ImportRunNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Import run not found", e);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e);
  }

  private static ProblemDetail withField(final ProblemDetail problem, final InvalidCiException e) {
    problem.setProperty("field", e.field());
    problem.setProperty("errors", Map.of(e.field(), e.reason()));
    return problem;
  }

  private static ProblemDetail problem(
      final HttpStatus status, final String title, final RuntimeException e) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(title);
    return problem;
  }
}
