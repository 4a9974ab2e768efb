package io.flowdesk.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin audit trail for admins ({@code /admin/**} is theirs alone): newest first, filtered by
 * actor, action, target and time, {@value AuditPaging#PAGE_SIZE} to a page, and the filtered
 * entries as a CSV or JSON download.
 */
@Controller
@RequestMapping("/admin/audit")
class AdminAuditController {

  private static final String VIEW = "admin/audit";
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final AdminAuditTrail trail;
  private final ObjectMapper json;
  private final Clock clock;

  AdminAuditController(final AdminAuditTrail trail, final ObjectMapper json, final Clock clock) {
    this.trail = trail;
    this.json = json;
    this.clock = clock;
  }

  @GetMapping
  String entries(
      @RequestParam(defaultValue = "") final String actor,
      @RequestParam(defaultValue = "") final String action,
      @RequestParam(defaultValue = "") final String target,
      @RequestParam(defaultValue = "") final String from,
      @RequestParam(defaultValue = "") final String to,
      @RequestParam(defaultValue = "0") final String page,
      final Model model,
      final HttpServletResponse response) {
    model.addAttribute("actor", actor);
    model.addAttribute("action", action);
    model.addAttribute("target", target);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    final AuditFilter filter;
    final int pageNumber;
    try {
      filter = AuditFilter.parse(actor, action, target, from, to);
      pageNumber = AuditPaging.page(page);
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("entries", List.of());
      return VIEW;
    }
    // One more than a page tells whether there is a next one.
    final List<AuditEntry> found =
        trail.page(filter, (long) pageNumber * AuditPaging.PAGE_SIZE, AuditPaging.PAGE_SIZE + 1);
    model.addAttribute("entries", found.subList(0, Math.min(found.size(), AuditPaging.PAGE_SIZE)));
    model.addAttribute("page", pageNumber);
    model.addAttribute("hasNext", found.size() > AuditPaging.PAGE_SIZE);
    return VIEW;
  }

  @GetMapping("/export")
  void export(
      @RequestParam(defaultValue = "csv") final String format,
      @RequestParam(defaultValue = "") final String actor,
      @RequestParam(defaultValue = "") final String action,
      @RequestParam(defaultValue = "") final String target,
      @RequestParam(defaultValue = "") final String from,
      @RequestParam(defaultValue = "") final String to,
      final HttpServletResponse response)
      throws IOException {
    final AuditExport export;
    final AuditFilter filter;
    try {
      export = AuditExport.of(format);
      filter = AuditFilter.parse(actor, action, target, from, to);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }
    response.setContentType(export.contentType);
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(
                "flowdesk-admin-audit-"
                    + FILE_TIME.format(clock.instant())
                    + "."
                    + export.extension)
            .build()
            .toString());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    export.write(trail, filter, json, response.getOutputStream());
  }
}
