package io.flowdesk.app.problem;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problem API's errors as problem documents: those of every record API. */
@RestControllerAdvice(assignableTypes = ProblemApiController.class)
class ProblemApiProblems extends RecordApiProblems {

  ProblemApiProblems() {
    super(RecordKind.PROBLEM);
  }
}
