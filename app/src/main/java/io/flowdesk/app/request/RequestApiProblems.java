package io.flowdesk.app.request;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The catalog and request API's errors as problem documents: those of every record API, and an item
 * the catalog does not offer (404).
 */
@RestControllerAdvice(assignableTypes = RequestApiController.class)
class RequestApiProblems extends RecordApiProblems {

  RequestApiProblems() {
    super(RecordKind.REQUEST);
  }

  @ExceptionHandler(UnknownItemException.class)
  ProblemDetail unknownItem(final UnknownItemException e) {
    return problem(HttpStatus.NOT_FOUND, "Catalog item not found", e);
  }
}
