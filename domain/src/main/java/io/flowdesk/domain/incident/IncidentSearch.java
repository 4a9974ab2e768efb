package io.flowdesk.domain.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches incidents with the filters of an {@link IncidentQuery}. Only whitelisted sort properties
 * reach the SQL, as fixed expressions; every value is a bind parameter.
 */
final class IncidentSearch {

  private static final Map<String, String> SORTABLE =
      Map.of(
          "number", "number",
          "priority", "priority",
          "state",
              "array_position(ARRAY['NEW','IN_PROGRESS','ON_HOLD','RESOLVED','CLOSED','CANCELED'],"
                  + " state::text)",
          "createdAt", "created_at",
          "updatedAt", "updated_at",
          "resolutionDue", "resolution_due",
          "breached", "(response_breached OR resolution_breached)",
          "assignmentGroup", "assignment_group",
          "assignee", "assignee",
          "configurationItem", "configuration_item");

  private final JdbcClient jdbc;

  IncidentSearch(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Page<Incident> search(final IncidentQuery query, final Pageable page) {
    if (query == null) {
      throw new IllegalArgumentException("query is missing");
    }
    final Pageable pageable = page == null ? Pageable.unpaged() : page;
    final String orderBy = orderBy(pageable.getSort());
    final Map<String, Object> params = new LinkedHashMap<>();
    final String where = where(query, params);

    String sql = IncidentColumns.SELECT + where + orderBy;
    if (pageable.isPaged()) {
      // The page is chosen by sorting ids and sort keys only; sorting whole rows (descriptions
      // included) to keep 20 of them costs several times more on a large table.
      sql =
          IncidentColumns.SELECT
              + " WHERE id IN (SELECT id FROM domain.incident"
              + where
              + orderBy
              + " LIMIT :limit OFFSET :offset)"
              + orderBy;
      params.put("limit", pageable.getPageSize());
      params.put("offset", pageable.getOffset());
    }
    final List<Incident> content = jdbc.sql(sql).params(params).query(IncidentColumns::map).list();
    if (pageable.isUnpaged()
        || (pageable.getOffset() == 0 && content.size() < pageable.getPageSize())) {
      return new PageImpl<>(content, pageable, content.size());
    }
    final long total =
        jdbc.sql("SELECT count(*) FROM domain.incident" + where)
            .params(params)
            .query(Long.class)
            .single();
    return new PageImpl<>(content, pageable, total);
  }

  private static String where(final IncidentQuery query, final Map<String, Object> params) {
    final List<String> conditions = new ArrayList<>();
    in(conditions, params, "caller", query.callers());
    in(conditions, params, "assignment_group", query.assignmentGroups());
    in(conditions, params, "state", names(query.states()));
    in(conditions, params, "priority", names(query.priorities()));
    if (query.assignee() != null && !query.assignee().isBlank()) {
      conditions.add("assignee = :assignee");
      params.put("assignee", query.assignee());
    }
    if (query.breached() != null) {
      conditions.add(
          query.breached()
              ? "(response_breached OR resolution_breached)"
              : "NOT (response_breached OR resolution_breached)");
    }
    if (query.configurationItem() != null && !query.configurationItem().isBlank()) {
      conditions.add("configuration_item = :ci");
      params.put("ci", query.configurationItem().strip());
    }
    if (query.createdFrom() != null) {
      conditions.add("created_at >= :createdFrom");
      params.put("createdFrom", IncidentColumns.toDatabase(query.createdFrom()));
    }
    if (query.createdBefore() != null) {
      conditions.add("created_at < :createdBefore");
      params.put("createdBefore", IncidentColumns.toDatabase(query.createdBefore()));
    }
    if (query.text() != null && !query.text().isBlank()) {
      conditions.add(
          "(number ILIKE :text ESCAPE '\\' OR short_description ILIKE :text ESCAPE '\\'"
              + " OR description ILIKE :text ESCAPE '\\')");
      params.put("text", "%" + likeEscaped(query.text().strip()) + "%");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static void in(
      final List<String> conditions,
      final Map<String, Object> params,
      final String column,
      final Set<String> values) {
    if (values != null && !values.isEmpty()) {
      conditions.add(column + " IN (:" + column + ")");
      params.put(column, List.copyOf(values));
    }
  }

  private static Set<String> names(final Set<? extends Enum<?>> values) {
    return values == null ? Set.of() : values.stream().map(Enum::name).collect(Collectors.toSet());
  }

  /** Newest first unless asked otherwise; the id breaks ties so that pages never overlap. */
  private static String orderBy(final Sort sort) {
    final List<String> terms = new ArrayList<>();
    for (final Sort.Order order : sort) {
      final String expression = SORTABLE.get(order.getProperty());
      if (expression == null) {
        throw new IllegalArgumentException(
            "cannot sort incidents by '"
                + order.getProperty()
                + "'; sortable are "
                + String.join(", ", SORTABLE.keySet().stream().sorted().toList()));
      }
      terms.add(expression + (order.isAscending() ? " ASC" : " DESC") + " NULLS LAST");
    }
    if (terms.isEmpty()) {
      terms.add("created_at DESC");
    }
    terms.add("id DESC");
    return " ORDER BY " + String.join(", ", terms);
  }

  private static String likeEscaped(final String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
