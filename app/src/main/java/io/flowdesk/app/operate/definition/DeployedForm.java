package io.flowdesk.app.operate.definition;

import java.util.List;

/** A deployed form with every deployed version, latest first. */
public record DeployedForm(String formId, List<Version> versions) {

  public DeployedForm {
    versions = List.copyOf(versions);
  }

  /** One deployed version; {@code versionTag} and {@code resourceName} are "" when not known. */
  public record Version(long formKey, int version, String versionTag, String resourceName) {}
}
