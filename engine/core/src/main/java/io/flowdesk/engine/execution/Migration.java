package io.flowdesk.engine.execution;

import java.util.List;

/**
 * A request to move a running instance onto another process definition: every active element
 * instance goes to the element its mapping instruction names; keys, variables, jobs, user tasks,
 * incidents and kept subscriptions stay.
 */
public record Migration(long targetProcessDefinitionKey, List<MappingInstruction> instructions) {

  /** Element instances of {@code sourceElementId} become instances of {@code targetElementId}. */
  public record MappingInstruction(String sourceElementId, String targetElementId) {}
}
