package io.flowdesk.app.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin audit trail as JSON for admins' scripts ({@code /api/admin/**} is theirs alone), with
 * the page's filters; errors are problem documents ({@link AdminApiProblems}).
 */
@RestController
@AdminApi
class AdminAuditApiController {

  private final AdminAuditTrail trail;

  AdminAuditApiController(final AdminAuditTrail trail) {
    this.trail = trail;
  }

  /** One page of entries, newest first. */
  record AuditPage(List<AuditEntry> entries, int page, int size, boolean hasNext) {}

  @GetMapping("/api/admin/audit")
  AuditPage entries(
      @RequestParam(defaultValue = "") final String actor,
      @RequestParam(defaultValue = "") final String action,
      @RequestParam(defaultValue = "") final String target,
      @RequestParam(defaultValue = "") final String from,
      @RequestParam(defaultValue = "") final String to,
      @RequestParam(defaultValue = "0") final String page,
      @RequestParam(defaultValue = "" + AuditPaging.PAGE_SIZE) final String size) {
    final AuditFilter filter = AuditFilter.parse(actor, action, target, from, to);
    final int pageNumber = AuditPaging.page(page);
    final int pageSize = AuditPaging.size(size);
    final List<AuditEntry> found = trail.page(filter, (long) pageNumber * pageSize, pageSize + 1);
    return new AuditPage(
        found.subList(0, Math.min(found.size(), pageSize)),
        pageNumber,
        pageSize,
        found.size() > pageSize);
  }
}
