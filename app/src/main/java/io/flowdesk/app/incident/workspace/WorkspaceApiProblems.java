package io.flowdesk.app.incident.workspace;

import io.flowdesk.app.record.RecordApiProblems;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The workspace API's errors as problem+json, as the incident API's. */
@RestControllerAdvice(assignableTypes = IncidentWorkspaceApiController.class)
class WorkspaceApiProblems extends RecordApiProblems {

  WorkspaceApiProblems() {
    super(RecordKind.INCIDENT);
  }
}
