package io.flowdesk.app.users;

import io.flowdesk.domain.directory.InvalidEntryException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The user and group API's errors as RFC 9457 problem documents: a refused value names its field
 * ({@code field}, and {@code errors} as field to message); unreadable JSON and the like come out
 * the same way through the base class.
 */
@RestControllerAdvice(assignableTypes = {UsersApiController.class, GroupsApiController.class})
class AdministrationApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidEntryException.class)
  ProblemDetail invalid(final InvalidEntryException e) {
    final ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e);
    problem.setProperty("field", e.field());
    problem.setProperty("errors", Map.of(e.field(), e.getMessage()));
    return problem;
  }

  @ExceptionHandler(LastAdministratorException.class)
  ProblemDetail lastAdministrator(final LastAdministratorException e) {
    final ProblemDetail problem = problem(HttpStatus.CONFLICT, "Last administrator", e);
    problem.setProperty("field", e.field());
    problem.setProperty("errors", Map.of(e.field(), e.getMessage()));
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(final NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e);
  }

  @ExceptionHandler(MailNotSentException.class)
  ProblemDetail mailNotSent(final MailNotSentException e) {
    return problem(HttpStatus.BAD_GATEWAY, "Mail not sent; nothing was saved", e);
  }

  private static ProblemDetail problem(
      final HttpStatus status, final String title, final RuntimeException e) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(title);
    return problem;
  }
}
