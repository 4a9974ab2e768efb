package io.flowdesk.domain.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A report's numbers as rows under named columns; the first column labels the row (a day, a group,
 * a category). Cells are strings, numbers (Long, or Double for percentages and averages, null when
 * nothing was measured) or null.
 */
public record ReportTable(List<String> columns, List<List<Object>> rows) {

  public ReportTable {
    columns = List.copyOf(columns);
    rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
  }
}
