package io.flowdesk.app.mfa;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The reset API's refusal of non-admins as a problem document. */
@RestControllerAdvice(assignableTypes = SecondFactorAdminApi.class)
class SecondFactorApiProblems {

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(final AccessDeniedException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.FORBIDDEN, "Only administrators may reset two-factor sign-in.");
    problem.setTitle("Forbidden");
    return problem;
  }
}
