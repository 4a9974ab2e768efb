package io.flowdesk.app.operate.definition;

import io.camunda.client.api.search.response.ProcessDefinition;
import java.util.List;

/**
 * A deployed BPMN process: its id, the name of its latest version, every deployed version (latest
 * first) and the instance counts over all of them.
 */
public record DeployedProcess(
    String processDefinitionId,
    String name,
    List<ProcessDefinition> versions,
    InstanceCounts counts) {

  public DeployedProcess {
    versions = List.copyOf(versions);
  }

  public ProcessDefinition latest() {
    return versions.get(0);
  }
}
