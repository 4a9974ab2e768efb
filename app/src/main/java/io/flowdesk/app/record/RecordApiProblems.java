package io.flowdesk.app.record;

import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordNotFoundException;
import io.flowdesk.domain.record.TransitionRefusedException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * A record API's errors as RFC 9457 problem documents ({@code application/problem+json}), each
 * naming what was wrong ({@code errors}: one message per field); Spring MVC's own errors
 * (unreadable JSON, a parameter of the wrong type) come out the same way through the base class.
 * Each kind's API has one, as {@code @RestControllerAdvice(assignableTypes =
 * ItsApiController.class)}, and adds the errors only it has.
 */
public abstract class RecordApiProblems extends ResponseEntityExceptionHandler {

  private final RecordKind kind;

  protected RecordApiProblems(final RecordKind kind) {
    this.kind = kind;
  }

  @ExceptionHandler(InvalidRequestException.class)
  public ProblemDetail invalidRequest(final InvalidRequestException e) {
    final ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e);
    if (!e.fieldErrors().isEmpty()) {
      problem.setProperty("errors", e.fieldErrors());
    }
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ProblemDetail invalidValue(final IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e);
  }

  @ExceptionHandler(RecordNotFoundException.class)
  public ProblemDetail notFound(final RecordNotFoundException e) {
    final String noun = kind.noun();
    return problem(
        HttpStatus.NOT_FOUND,
        noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1) + " not found",
        e);
  }

  @ExceptionHandler(AccessDeniedException.class)
  public ProblemDetail forbidden(final AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e);
  }

  @ExceptionHandler(TransitionRefusedException.class)
  public ProblemDetail refused(final TransitionRefusedException e) {
    return notNow(e);
  }

  @ExceptionHandler(ProcessNotStartedException.class)
  public ProblemDetail processNotStarted(final ProcessNotStartedException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Process did not start", e);
  }

  /** 409: what was asked is not possible in the record's state. */
  protected ProblemDetail notNow(final RuntimeException e) {
    return problem(HttpStatus.CONFLICT, "Not possible in the " + kind.noun() + "'s state", e);
  }

  /** A problem document with {@code title}, its detail the exception's message. */
  protected static ProblemDetail problem(
      final HttpStatus status, final String title, final RuntimeException e) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(title);
    return problem;
  }
}
