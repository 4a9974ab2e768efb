package io.flowdesk.app.incident;

import io.flowdesk.app.record.ListParams;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.record.SavedFilters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents' and managers' incident list {@code /incidents}: text search, filters, sort by column,
 * pages, chosen columns and the person's saved filters; one query per page, narrowed by {@link
 * IncidentAccess#restrict} (agents: their groups' incidents; a group filter outside them finds
 * nothing). End users have My requests instead (403). A bad filter is named at its field (400).
 */
@Controller
class IncidentListController {

  static final String LIST = "incidents";
  private static final int PAGE_SIZE = 25;

  private final IncidentRecords records;
  private final IncidentAccess access;
  private final SavedFilters savedFilters;
  private final Viewers viewers;

  IncidentListController(
      final IncidentRecords records,
      final IncidentAccess access,
      final SavedFilters savedFilters,
      final Viewers viewers) {
    this.records = records;
    this.access = access;
    this.savedFilters = savedFilters;
    this.viewers = viewers;
  }

  @GetMapping("/incidents")
  String list(
      @RequestParam final MultiValueMap<String, String> params,
      final HttpServletRequest request,
      final HttpServletResponse response,
      final Model model) {
    final Viewer viewer = agent();
    final Map<String, String> errors = new LinkedHashMap<>();
    final Set<IncidentState> states =
        ListParams.values(params, "state", IncidentState.class, errors);
    final Set<Priority> priorities = ListParams.values(params, "priority", Priority.class, errors);
    final LocalDate from = ListParams.date(params, "from", errors);
    final LocalDate to = ListParams.date(params, "to", errors);
    if (from != null && to != null && from.isAfter(to)) {
      errors.put("from", "from (" + from + ") is after to (" + to + ")");
    }
    final Boolean breached =
        switch (ListParams.text(params, "breached")) {
          case "yes" -> Boolean.TRUE;
          case "no" -> Boolean.FALSE;
          default -> null;
        };
    final String sortKey =
        ListParams.text(params, "sort").isEmpty() ? "created" : ListParams.text(params, "sort");
    final IncidentListColumn sortColumn = IncidentListColumn.byKey(sortKey).orElse(null);
    if (sortColumn == null || sortColumn.sortProperty() == null) {
      errors.put("sort", "cannot sort by '" + sortKey + "'");
    }
    final int page = ListParams.page(params, "page", errors);
    final List<IncidentListColumn> columns = columns(params);
    final String group = ListParams.text(params, "group");
    model.addAttribute("params", params);
    model.addAttribute("columns", columns);
    model.addAttribute("allColumns", IncidentListColumn.values());
    model.addAttribute("states", IncidentState.values());
    model.addAttribute("priorities", Priority.values());
    model.addAttribute(
        "groups", viewer.seesAllRecords() ? List.of() : viewer.groups().stream().sorted().toList());
    model.addAttribute("saved", savedFilters.of(viewer.username(), LIST));
    model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
    model.addAttribute("links", new ListParams.Links("/incidents", params));
    model.addAttribute("errors", errors);
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("incidents", Page.empty());
      return "incidents/list";
    }
    final IncidentQuery query =
        access.restrict(
            viewer,
            new IncidentQuery(
                Set.of(),
                group.isEmpty() ? Set.of() : Set.of(group),
                states,
                priorities,
                blankToNull(ListParams.text(params, "assignee")),
                breached,
                blankToNull(ListParams.text(params, "q")),
                blankToNull(ListParams.text(params, "ci")),
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    final Sort.Direction direction =
        "asc".equals(ListParams.text(params, "dir")) ? Sort.Direction.ASC : Sort.Direction.DESC;
    final Page<Incident> found =
        records.search(
            query, PageRequest.of(page, PAGE_SIZE, Sort.by(direction, sortColumn.sortProperty())));
    model.addAttribute("incidents", found);
    return "incidents/list";
  }

  @PostMapping("/incidents/filters")
  String saveFilter(
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String query,
      final RedirectAttributes redirect) {
    final Viewer viewer = agent();
    if (!ListParams.isQueryString(query)) {
      redirect.addFlashAttribute("problem", "Filter not saved: that is not a list's filter.");
      return "redirect:/incidents";
    }
    try {
      savedFilters.save(viewer.username(), LIST, name, query);
      redirect.addFlashAttribute("flash", "Filter \"" + name.strip() + "\" saved.");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("problem", "Filter not saved: " + e.getMessage() + ".");
    }
    return "redirect:/incidents" + (query.isEmpty() ? "" : "?" + query);
  }

  @PostMapping("/incidents/filters/{id}/deletion")
  String deleteFilter(@PathVariable final long id, final RedirectAttributes redirect) {
    if (savedFilters.delete(agent().username(), id)) {
      redirect.addFlashAttribute("flash", "Filter deleted.");
    }
    return "redirect:/incidents";
  }

  private Viewer agent() {
    final Viewer viewer = viewers.current().orElseThrow();
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " has My requests, not the list");
    }
    return viewer;
  }

  private static List<IncidentListColumn> columns(final MultiValueMap<String, String> params) {
    final List<String> keys = params.getOrDefault("cols", List.of());
    final List<IncidentListColumn> chosen = new ArrayList<>();
    for (final IncidentListColumn column : IncidentListColumn.values()) {
      if (keys.contains(column.key())) {
        chosen.add(column);
      }
    }
    return chosen.isEmpty() ? IncidentListColumn.defaults() : chosen;
  }

  private static String blankToNull(final String value) {
    return value.isEmpty() ? null : value;
  }
}
