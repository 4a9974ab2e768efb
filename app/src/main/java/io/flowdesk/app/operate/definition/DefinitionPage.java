package io.flowdesk.app.operate.definition;

import io.camunda.client.api.search.response.ProcessDefinition;
import java.util.List;

/**
 * What the definition page shows of one deployed process version.
 *
 * @param definition the version shown
 * @param versions every deployed version of the same process id, latest first
 * @param counts this version's instance counts
 * @param diagram the diagram with count badges; safe to insert unescaped
 * @param elements the elements with any count, in the diagram's order
 */
public record DefinitionPage(
    ProcessDefinition definition,
    List<ProcessDefinition> versions,
    InstanceCounts counts,
    String diagram,
    List<ElementRow> elements) {

  public DefinitionPage {
    versions = List.copyOf(versions);
    elements = List.copyOf(elements);
  }

  public String title() {
    final String name = definition.getName();
    return name == null || name.isBlank() ? definition.getProcessDefinitionId() : name;
  }
}
