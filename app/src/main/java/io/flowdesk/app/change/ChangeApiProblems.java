package io.flowdesk.app.change;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The change API's errors as problem documents: those of every record API. */
@RestControllerAdvice(assignableTypes = ChangeApiController.class)
class ChangeApiProblems extends RecordApiProblems {

  ChangeApiProblems() {
    super(RecordKind.CHANGE);
  }
}
