package io.flowdesk.app.incident;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The incident API's errors as problem documents: those of every record API, and a resolution asked
 * of an incident with no open task for it (409).
 */
@RestControllerAdvice(assignableTypes = IncidentApiController.class)
class IncidentApiProblems extends RecordApiProblems {

  IncidentApiProblems() {
    super(RecordKind.INCIDENT);
  }

  @ExceptionHandler(IllegalStateException.class)
  ProblemDetail noTask(final IllegalStateException e) {
    return notNow(e);
  }
}
