package io.flowdesk.workers.cmdb;

import io.flowdesk.connectors.etl.extract.SourceRow;
import io.flowdesk.domain.cmdb.CiImportRow;
import io.flowdesk.domain.cmdb.RelationshipImportRow;
import io.flowdesk.workers.InvalidJobInputException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which source column holds which CI field. By default a column is named like the field ({@code
 * class}, {@code name}, {@code serialNumber}, {@code owner}, {@code supportGroup}, {@code
 * environment}, {@code status}; relationships {@code sourceClass}, {@code sourceName}, {@code
 * type}, {@code targetClass}, {@code targetName}); the job's {@code mapping} renames them (field to
 * column, e.g. {@code {"name": "hostname", "attributes.cpus": "cpu_count"}}). Every other column of
 * a CI row is an attribute of the same name. A field whose column the source lacks is not reported
 * (the CI keeps its value); an empty cell clears it.
 */
final class ImportMapping {

  static final List<String> CI_FIELDS =
      List.of("class", "name", "serialNumber", "owner", "supportGroup", "environment", "status");
  static final List<String> RELATIONSHIP_FIELDS =
      List.of("sourceClass", "sourceName", "type", "targetClass", "targetName");

  private final Map<String, String> columns = new HashMap<>();

  ImportMapping(final Map<String, Object> mapping) {
    mapping.forEach(
        (field, column) -> {
          if (!CI_FIELDS.contains(field)
              && !RELATIONSHIP_FIELDS.contains(field)
              && !field.startsWith("attributes.")) {
            throw new InvalidJobInputException(
                "input 'mapping': '"
                    + field
                    + "' is not a field; fields are "
                    + CI_FIELDS
                    + ", "
                    + RELATIONSHIP_FIELDS
                    + " and attributes.<name>");
          }
          if (!(column instanceof String text) || text.isBlank()) {
            throw new InvalidJobInputException(
                "input 'mapping': the column of '" + field + "' must be a column name");
          }
          columns.put(field, text);
        });
  }

  CiImportRow ci(final SourceRow row) {
    final Set<String> used = new HashSet<>();
    for (final String field : CI_FIELDS) {
      used.add(column(field));
    }
    final Map<String, String> renamed = new HashMap<>();
    columns.forEach(
        (field, column) -> {
          if (field.startsWith("attributes.")) {
            renamed.put(column, field.substring("attributes.".length()));
            used.add(column);
          }
        });
    final Map<String, Object> attributes = new LinkedHashMap<>();
    renamed.forEach((column, attribute) -> put(attributes, attribute, row, column));
    for (final String column : row.layout().columns()) {
      if (!used.contains(column)) {
        put(attributes, column, row, column);
      }
    }
    return new CiImportRow(
        row.line(),
        text(row, "class"),
        text(row, "name"),
        text(row, "serialNumber"),
        text(row, "owner"),
        text(row, "supportGroup"),
        text(row, "environment"),
        text(row, "status"),
        attributes);
  }

  RelationshipImportRow relationship(final SourceRow row) {
    return new RelationshipImportRow(
        row.line(),
        text(row, "sourceClass"),
        text(row, "sourceName"),
        text(row, "type"),
        text(row, "targetClass"),
        text(row, "targetName"));
  }

  private String column(final String field) {
    return columns.getOrDefault(field, field);
  }

  // Absent column: not reported (null); present but empty: "" (clears).
  private String text(final SourceRow row, final String field) {
    final String column = column(field);
    if (row.layout().indexOf(column) < 0) {
      return null;
    }
    final Object value = row.get(column);
    return value == null ? "" : value.toString();
  }

  private static void put(
      final Map<String, Object> attributes,
      final String attribute,
      final SourceRow row,
      final String column) {
    if (row.layout().indexOf(column) >= 0) {
      final Object value = row.get(column);
      attributes.put(attribute, value == null ? "" : value);
    }
  }
}
