package io.flowdesk.engine.model;

/**
 * A sequence flow. {@code condition} is null for an unconditional flow.
 *
 * @param id the flow's BPMN id
 * @param sourceId id of the element the flow leaves
 * @param targetId id of the element the flow enters
 */
public record SequenceFlow(String id, String sourceId, String targetId, Expression condition) {

  public boolean conditional() {
    return condition != null;
  }
}
