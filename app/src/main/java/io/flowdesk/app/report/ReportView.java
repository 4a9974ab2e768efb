package io.flowdesk.app.report;

import io.flowdesk.domain.report.Report;
import io.flowdesk.domain.report.ReportTable;

/** One report as the page shows it: its numbers, and their chart (null for a plain list). */
public record ReportView(Report report, ReportTable table, Chart chart) {

  /** How each report is drawn: lines over time, bars per category, or no chart. */
  static ReportView of(final Report report, final ReportTable table) {
    final Chart chart =
        switch (report) {
          case DAILY, WEEKLY -> Chart.of(table, true, new int[] {0}, new int[] {1, 2, 3, 4, 5, 6});
          case MTTA_MTTR -> Chart.of(table, true, new int[] {0}, new int[] {2, 3});
          case BACKLOG -> Chart.of(table, false, new int[] {0}, new int[] {1, 2, 3, 4, 5});
          case SLA -> Chart.of(table, false, new int[] {0, 1}, new int[] {3, 5});
          case CATEGORIES, CIS -> Chart.of(table, false, new int[] {0}, new int[] {1});
          case BREACHES -> null;
        };
    return new ReportView(report, table, chart);
  }
}
