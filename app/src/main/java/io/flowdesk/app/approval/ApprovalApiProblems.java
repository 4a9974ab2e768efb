package io.flowdesk.app.approval;

import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The approvals API's errors as RFC 9457 problem documents, each naming what was wrong; 404 (not
 * yours or unknown) and 409 (decided meanwhile) come from their exceptions' own status through the
 * base class.
 */
@RestControllerAdvice(assignableTypes = ApprovalApiController.class)
class ApprovalApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(final InvalidRequestException e) {
    final ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    if (!e.fieldErrors().isEmpty()) {
      problem.setProperty("errors", e.fieldErrors());
    }
    return problem;
  }

  @ExceptionHandler(UnresolvedConflictsException.class)
  ProblemDetail unresolvedConflicts(final UnresolvedConflictsException e) {
    final ProblemDetail problem =
        problem(HttpStatus.UNPROCESSABLE_ENTITY, "Conflicts need an override", e.getMessage());
    problem.setProperty("errors", Map.of("overrideReason", e.getMessage()));
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalidValue(final IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(IllegalStateException.class)
  ProblemDetail conflict(final IllegalStateException e) {
    return problem(HttpStatus.CONFLICT, "Not possible in the approval's state", e.getMessage());
  }

  private static ProblemDetail problem(
      final HttpStatus status, final String title, final String detail) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
