package io.flowdesk.app.operate.instance;

import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceCallHierarchyEntryResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.util.List;

/**
 * Everything the instance page shows of one process instance, as the engine answered.
 *
 * @param instance the instance
 * @param diagramSvg its process's diagram with active, completed and incident marks (safe SVG)
 * @param elements its element instances, live and ended (until the engine's history retention),
 *     earliest first
 * @param passed per element how often the instance went through it (completed or terminated)
 * @param incidents its incidents, open ones first
 * @param scopes its variables by scope, the process first
 * @param ancestors the instances that called it, the root first (empty for a root instance)
 * @param children the instances its call activities started
 * @param record the Flowdesk record the instance works on, if any
 */
public record InstancePage(
    ProcessInstance instance,
    String diagramSvg,
    List<ElementInstance> elements,
    List<ProcessElementStatistics> passed,
    List<Incident> incidents,
    List<VariableScope> scopes,
    List<ProcessInstanceCallHierarchyEntryResponse> ancestors,
    List<ProcessInstance> children,
    RecordLink record) {

  /** The element instances still active, which a modification can terminate. */
  public List<ElementInstance> liveElements() {
    return elements.stream().filter(e -> e.getState() == ElementInstanceState.ACTIVE).toList();
  }

  /** Whether the instance can still be repaired: an ended one takes no command. */
  public boolean active() {
    return instance.getState() == io.camunda.client.api.search.enums.ProcessInstanceState.ACTIVE;
  }

  /** Variables of one scope: the process instance or one of its element instances. */
  public record VariableScope(long key, String label, List<Variable> variables) {}

  /** A Flowdesk record's page: kind ("Incident"), number and address. */
  public record RecordLink(String kind, String number, String href) {}
}
