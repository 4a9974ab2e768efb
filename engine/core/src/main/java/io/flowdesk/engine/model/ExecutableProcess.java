package io.flowdesk.engine.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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
 */
public record ExecutableProcess(
    String bpmnProcessId,
    String name,
    Map<String, FlowElement> elements,
    Map<String, SequenceFlow> sequenceFlows,
    String noneStartEventId) {

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
