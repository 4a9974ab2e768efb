package io.flowdesk.app.operate.definition;

import java.util.List;

/**
 * A deployed DMN decision with every deployed version, latest first.
 *
 * @param decisionDefinitionId the decision's id in the DMN file
 * @param name the latest version's name
 * @param versions the versions with the requirements graph each belongs to
 */
public record DeployedDecision(String decisionDefinitionId, String name, List<Version> versions) {

  public DeployedDecision {
    versions = List.copyOf(versions);
  }

  /**
   * One deployed version of the decision and its decision requirements graph (DRG).
   *
   * @param decisionDefinitionKey the version's key
   * @param version its number
   * @param requirementsId the DRG's id (the DMN file's definitions)
   * @param requirementsName the DRG's name, or its id when it has none
   * @param requirementsVersion the DRG's version
   * @param resourceName the DMN file the version came from, or "" when not known
   */
  public record Version(
      long decisionDefinitionKey,
      int version,
      String requirementsId,
      String requirementsName,
      int requirementsVersion,
      String resourceName) {}
}
