package io.flowdesk.app.report;

import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.report.Report;
import io.flowdesk.domain.report.ReportRange;
import io.flowdesk.domain.report.ServiceReports;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The managers' reports page {@code /reports}: every report for one range and group as a chart with
 * its table, and each as CSV ({@code /reports/{report}.csv}). Agents get their groups' numbers; bad
 * parameters are named on the page (400).
 */
@Controller
@RequestMapping("/reports")
class ReportsController {

  private final ServiceReports reports;
  private final ReportScopes scopes;
  private final Directory directory;
  private final Viewers viewers;

  ReportsController(
      final ServiceReports reports,
      final ReportScopes scopes,
      final Directory directory,
      final Viewers viewers) {
    this.reports = reports;
    this.scopes = scopes;
    this.directory = directory;
    this.viewers = viewers;
  }

  @GetMapping
  String page(
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(required = false) final String group,
      final Model model,
      final HttpServletResponse response) {
    final Viewer viewer = scopes.requireReportViewer(viewers.current().orElseThrow());
    model.addAttribute("groups", groupChoices(viewer));
    model.addAttribute("group", group == null ? "" : group.strip());
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    try {
      final ReportRange range = scopes.scope(viewer, from, to, group);
      model.addAttribute("from", range.from().toString());
      model.addAttribute("to", range.to().toString());
      model.addAttribute(
          "views",
          Arrays.stream(Report.values())
              .map(report -> ReportView.of(report, reports.run(report, range)))
              .toList());
    } catch (InvalidRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", e.fieldErrors());
      model.addAttribute("views", List.of());
    }
    return "reports/page";
  }

  @GetMapping("/{report}.csv")
  ResponseEntity<String> csv(
      @PathVariable final String report,
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(required = false) final String group) {
    final Report chosen = known(report);
    final Viewer viewer = viewers.current().orElseThrow();
    final ReportRange range;
    try {
      range = scopes.scope(viewer, from, to, group);
    } catch (InvalidRequestException e) {
      throw new ResponseStatusException(
          org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }
    final var table = reports.run(chosen, range);
    final String name = chosen.slug() + "-" + range.from() + "-" + range.to() + ".csv";
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(Csv.of(table.columns(), table.rows()));
  }

  static Report known(final String slug) {
    return Report.bySlug(slug)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "no report '" + slug + "'"));
  }

  private List<String> groupChoices(final Viewer viewer) {
    final Set<String> restricted = scopes.restrictedTo(viewer);
    return directory.groups().stream()
        .map(AssignmentGroup::name)
        .filter(name -> restricted.isEmpty() || restricted.contains(name))
        .sorted()
        .toList();
  }
}
