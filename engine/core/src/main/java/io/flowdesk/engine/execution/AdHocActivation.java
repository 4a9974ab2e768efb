package io.flowdesk.engine.execution;

import java.util.List;
import java.util.Map;

/**
 * Elements to activate in a running ad-hoc sub-process (Camunda's ad-hoc activities API), each with
 * variables local to its new instance; {@code cancelRemainingInstances} terminates what runs in the
 * sub-process first.
 */
public record AdHocActivation(List<Element> elements, boolean cancelRemainingInstances) {

  /** One element to activate, by id, with variables created on its instance. */
  public record Element(String elementId, Map<String, Object> variables) {}
}
