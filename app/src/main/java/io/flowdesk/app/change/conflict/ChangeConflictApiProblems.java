package io.flowdesk.app.change.conflict;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.change.ChangeNotEditableException;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** The conflict and planning API's errors as problem documents: those of every record API. */
@RestControllerAdvice(assignableTypes = ChangeConflictApiController.class)
class ChangeConflictApiProblems extends RecordApiProblems {

  ChangeConflictApiProblems() {
    super(RecordKind.CHANGE);
  }

  @ExceptionHandler(ChangeNotEditableException.class)
  ProblemDetail notEditable(final ChangeNotEditableException e) {
    return notNow(e);
  }

  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(final ResponseStatusException e) {
    final ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    problem.setTitle("Not found");
    return problem;
  }
}
