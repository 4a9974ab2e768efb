package io.flowdesk.app.report;

import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.report.Report;
import io.flowdesk.domain.report.ReportRange;
import io.flowdesk.domain.report.ServiceReports;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reports of {@code /reports} as JSON, with the same scoping by role. */
@RestController
@RequestMapping("/api/reports")
class ReportApiController {

  private final ServiceReports reports;
  private final ReportScopes scopes;
  private final Viewers viewers;

  ReportApiController(
      final ServiceReports reports, final ReportScopes scopes, final Viewers viewers) {
    this.reports = reports;
    this.scopes = scopes;
    this.viewers = viewers;
  }

  @GetMapping
  @Operation(summary = "The reports there are, by name and title")
  List<Map<String, String>> list() {
    scopes.requireReportViewer(viewers.current().orElseThrow());
    final List<Map<String, String>> all = new ArrayList<>();
    for (final Report report : Report.values()) {
      all.add(Map.of("report", report.slug(), "title", report.title()));
    }
    return all;
  }

  @GetMapping("/{report}")
  @Operation(
      summary = "One report's numbers",
      description =
          "from and to are dates (UTC, both included; default the last 30 days), group an"
              + " assignment group. Agents get their own groups' numbers only; end users 403."
              + " rows holds one object per row, keyed by the column names in columns.")
  Map<String, Object> report(
      @PathVariable final String report,
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(required = false) final String group) {
    final Report chosen = ReportsController.known(report);
    final ReportRange range = scopes.scope(viewers.current().orElseThrow(), from, to, group);
    final var table = reports.run(chosen, range);
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (final List<Object> row : table.rows()) {
      final Map<String, Object> keyed = new LinkedHashMap<>();
      for (int c = 0; c < table.columns().size(); c++) {
        keyed.put(table.columns().get(c), row.get(c));
      }
      rows.add(keyed);
    }
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("report", chosen.slug());
    body.put("title", chosen.title());
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    body.put("groups", range.groups().stream().filter(g -> !g.isEmpty()).sorted().toList());
    body.put("columns", table.columns());
    body.put("rows", rows);
    return body;
  }
}
