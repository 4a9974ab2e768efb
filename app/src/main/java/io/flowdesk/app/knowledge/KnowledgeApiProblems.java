package io.flowdesk.app.knowledge;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The knowledge API's errors as problem documents: those of every record API. */
@RestControllerAdvice(assignableTypes = KnowledgeApiController.class)
class KnowledgeApiProblems extends RecordApiProblems {

  KnowledgeApiProblems() {
    super(RecordKind.KNOWLEDGE);
  }
}
