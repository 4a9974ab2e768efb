package io.flowdesk.engine.deployment;

import java.util.List;

/** What a deployment produced, in the shape of Zeebe's DeployResource response. */
public record DeployedResources(
    long deploymentKey,
    List<ProcessDefinition> processes,
    List<DecisionRequirements> decisionRequirements,
    List<Decision> decisions,
    List<Form> forms) {

  public record ProcessDefinition(
      String bpmnProcessId, int version, long key, String resourceName) {}

  public record DecisionRequirements(
      String decisionRequirementsId, String name, int version, long key, String resourceName) {}

  public record Decision(
      String decisionId,
      String name,
      int version,
      long key,
      String decisionRequirementsId,
      long decisionRequirementsKey) {}

  public record Form(String formId, int version, long key, String resourceName) {}
}
