package io.flowdesk.app.alert;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The alert API's errors as problem documents: those of the incident API it opens records in. */
@RestControllerAdvice(assignableTypes = AlertApiController.class)
class AlertApiProblems extends RecordApiProblems {

  AlertApiProblems() {
    super(RecordKind.INCIDENT);
  }
}
