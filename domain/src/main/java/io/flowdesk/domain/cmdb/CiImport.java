package io.flowdesk.domain.cmdb;

import java.util.List;

/**
 * One run's input: what {@code source} (a name like {@code discovery} or {@code vmware-export})
 * reports now. {@code retireMissing}: CIs this source reported before and does not report now are
 * retired. {@code unreadable}: rows the source could not read at all (a CSV line with the wrong
 * number of fields), reported as they are; unreadable CI rows, like rejected ones, keep a run from
 * retiring anything.
 */
public record CiImport(
    String source,
    boolean retireMissing,
    List<CiImportRow> cis,
    List<RelationshipImportRow> relationships,
    List<ImportReject> unreadable) {

  public CiImport {
    cis = cis == null ? List.of() : List.copyOf(cis);
    relationships = relationships == null ? List.of() : List.copyOf(relationships);
    unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
  }

  public CiImport(
      final String source,
      final boolean retireMissing,
      final List<CiImportRow> cis,
      final List<RelationshipImportRow> relationships) {
    this(source, retireMissing, cis, relationships, List.of());
  }

  /** The actor recorded in the history of the CIs a run changes. */
  public String actor() {
    return "import:" + source;
  }
}
