package io.flowdesk.app.change.calendar;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The calendar API's errors as problem documents, as the change API's. */
@RestControllerAdvice(assignableTypes = ChangeCalendarApiController.class)
class CalendarApiProblems extends RecordApiProblems {

  CalendarApiProblems() {
    super(RecordKind.CHANGE);
  }
}
