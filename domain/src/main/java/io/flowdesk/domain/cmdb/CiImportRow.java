package io.flowdesk.domain.cmdb;

import java.util.Map;

/**
 * One CI as an import source reports it. {@code row}: where the source says it is (for CSV the
 * line), for the run report. Enumerations come as the source spells them ({@code production},
 * {@code In service}). A {@code null} field was not reported and keeps the CI's value; a blank one
 * clears it. The same holds for each attribute: only the attributes given are changed.
 */
public record CiImportRow(
    long row,
    String className,
    String name,
    String serialNumber,
    String owner,
    String supportGroup,
    String environment,
    String status,
    Map<String, Object> attributes) {

  public CiImportRow {
    attributes = attributes == null ? Map.of() : attributes;
  }
}
