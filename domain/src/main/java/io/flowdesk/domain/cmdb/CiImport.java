package io.flowdesk.domain.cmdb;

import java.util.List;

/**
 * One run's input: what {@code source} (a name like {@code discovery} or {@code vmware-export})
 * reports now. {@code retireMissing}: CIs this source reported before and does not report now are
 * retired.
 */
public record CiImport(
    String source,
    boolean retireMissing,
    List<CiImportRow> cis,
    List<RelationshipImportRow> relationships) {

  public CiImport {
    cis = cis == null ? List.of() : List.copyOf(cis);
    relationships = relationships == null ? List.of() : List.copyOf(relationships);
  }

  /** The actor recorded in the history of the CIs a run changes. */
  public String actor() {
    return "import:" + source;
  }
}
