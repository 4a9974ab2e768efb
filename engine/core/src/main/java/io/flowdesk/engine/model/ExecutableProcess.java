package io.flowdesk.engine.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployed process ready to run: its elements and sequence flows by id.
 *
 * @param bpmnProcessId the process id analysts give in Modeler
 * @param name the process name, null when absent
 * @param elements every flow node and the process itself ({@code bpmnProcessId}), by id
 * @param sequenceFlows every sequence flow, by id
 * @param noneStartEventId the process-level none start event
 * @param versionTag the process's {@code zeebe:versionTag}, null when absent
 * @param startForm the form its none start event links (Camunda's start form), null when none
 */
public record ExecutableProcess(
    String bpmnProcessId,
    String name,
    Map<String, FlowElement> elements,
    Map<String, SequenceFlow> sequenceFlows,
    String noneStartEventId,
    String versionTag,
    UserTaskDefinition.FormLink startForm) {

  public boolean hasStartForm() {
    return startForm != null;
  }

  public FlowElement element(final String id) {
    final FlowElement element = elements.get(id);
    if (element == null) {
      throw new IllegalArgumentException(
          "Process '" + bpmnProcessId + "' has no element '" + id + "'");
    }
    return element;
  }

  public SequenceFlow sequenceFlow(final String id) {
    return sequenceFlows.get(id);
  }

  public FlowElement process() {
    return element(bpmnProcessId);
  }

  public Optional<FlowElement> noneStartEvent() {
    return Optional.ofNullable(noneStartEventId).map(elements::get);
  }

  /** Process-level start events that wait for a timer, message or signal, in document order. */
  public List<FlowElement> eventStartEvents() {
    return elements.values().stream()
        .filter(
            e ->
                e.type() == BpmnElementType.START_EVENT
                    && bpmnProcessId.equals(e.flowScopeId())
                    && e.eventDefinition() != null)
        .toList();
  }

  public boolean hasMessageStartEvent() {
    return eventStartEvents().stream()
        .anyMatch(e -> e.eventDefinition() instanceof EventDefinition.Message);
  }

  /** The catch link event named {@code name} in flow scope {@code flowScopeId}. */
  public FlowElement linkTarget(final String flowScopeId, final String name) {
    return elements.values().stream()
        .filter(
            e ->
                e.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
                    && flowScopeId.equals(e.flowScopeId())
                    && e.eventDefinition() instanceof EventDefinition.Link link
                    && link.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException("No catch link event '" + name + "' in " + flowScopeId));
  }

  /**
   * Whether a token at {@code fromElementId} can still arrive at {@code targetId} by following
   * sequence flows; an inclusive join waits exactly for such tokens.
   */
  public boolean reaches(final String fromElementId, final String targetId) {
    final Deque<String> toVisit = new ArrayDeque<>();
    final Set<String> seen = new HashSet<>();
    toVisit.add(fromElementId);
    while (!toVisit.isEmpty()) {
      final String current = toVisit.removeFirst();
      if (!seen.add(current)) {
        continue;
      }
      for (final String flowId : element(current).outgoing()) {
        final String next = sequenceFlow(flowId).targetId();
        if (next.equals(targetId)) {
          return true;
        }
        toVisit.addLast(next);
      }
    }
    return false;
  }
}
