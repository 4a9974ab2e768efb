package io.flowdesk.app.request;

import io.flowdesk.app.record.ListParams;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestQuery;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agents' and managers' request list {@code /requests}: text search (number or title), state,
 * requester or requested-for, catalog item and the day range it was submitted in; sort by column,
 * pages of 25. Requests have no assignment group: agents, managers and admins see them all, as
 * their record pages allow ({@link RequestAccess}); end users have My requests instead (403). A bad
 * filter is named at its field (400).
 */
@Controller
class RequestListController {

  private static final int PAGE_SIZE = 25;

  /** The columns a list may be sorted by, and the request property each sorts on. */
  static final Map<String, String> SORTS =
      Map.of(
          "number", "number",
          "title", "title",
          "state", "state",
          "created", "createdAt",
          "updated", "updatedAt",
          "due", "dueAt");

  private final RequestRecords records;
  private final Viewers viewers;

  RequestListController(final RequestRecords records, final Viewers viewers) {
    this.records = records;
    this.viewers = viewers;
  }

  @GetMapping("/requests")
  String list(
      @RequestParam final MultiValueMap<String, String> params,
      final HttpServletResponse response,
      final Model model) {
    final Viewer viewer = viewers.current().orElseThrow();
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " has My requests, not the list");
    }
    final Map<String, String> errors = new LinkedHashMap<>();
    final Set<RequestState> states = ListParams.values(params, "state", RequestState.class, errors);
    final LocalDate from = ListParams.date(params, "from", errors);
    final LocalDate to = ListParams.date(params, "to", errors);
    if (from != null && to != null && from.isAfter(to)) {
      errors.put("from", "from (" + from + ") is after to (" + to + ")");
    }
    final String sort =
        ListParams.text(params, "sort").isEmpty() ? "created" : ListParams.text(params, "sort");
    if (!SORTS.containsKey(sort)) {
      errors.put("sort", "cannot sort by '" + sort + "'");
    }
    final int page = ListParams.page(params, "page", errors);
    model.addAttribute("params", params);
    model.addAttribute("states", RequestState.values());
    model.addAttribute("links", new ListParams.Links("/requests", params));
    model.addAttribute("errors", errors);
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("requests", Page.empty());
      return "requests/list";
    }
    final Sort.Direction direction =
        "asc".equals(ListParams.text(params, "dir")) ? Sort.Direction.ASC : Sort.Direction.DESC;
    final Page<Request> found =
        records.search(
            new RequestQuery(
                ListParams.text(params, "q"),
                states,
                ListParams.text(params, "person"),
                ListParams.text(params, "item"),
                from,
                to),
            PageRequest.of(
                page, PAGE_SIZE, Sort.by(direction, SORTS.get(sort)).and(Sort.by("id"))));
    model.addAttribute("requests", found);
    return "requests/list";
  }
}
