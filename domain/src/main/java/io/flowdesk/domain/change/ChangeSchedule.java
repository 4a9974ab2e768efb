package io.flowdesk.domain.change;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calendar's read of {@code change_request}: the changes whose planned window overlaps a range,
 * in two queries (changes, then their CIs) over the window index, not one entity load per change.
 */
class ChangeSchedule {

  private final JdbcClient jdbc;

  ChangeSchedule(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  List<ScheduledChange> overlapping(
      final Instant from,
      final Instant to,
      final Collection<ChangeState> states,
      final String assignmentGroup,
      final UUID ci,
      final int limit) {
    final StringBuilder sql =
        new StringBuilder(
            "SELECT c.id, c.number, c.type, c.short_description, c.state, c.risk,"
                + " c.assignment_group, c.implementer, c.planned_start, c.planned_end"
                + " FROM domain.change_request c"
                + " WHERE c.planned_start < :to AND c.planned_end > :from AND c.state IN (:states)");
    final Map<String, Object> params = new HashMap<>();
    params.put("from", Timestamp.from(from));
    params.put("to", Timestamp.from(to));
    params.put("states", states.stream().map(ChangeState::name).toList());
    if (assignmentGroup != null) {
      sql.append(" AND c.assignment_group = :group");
      params.put("group", assignmentGroup);
    }
    if (ci != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM domain.change_request_ci x"
              + " WHERE x.change_request_id = c.id AND x.ci_id = :ci)");
      params.put("ci", ci);
    }
    sql.append(" ORDER BY c.planned_start, c.number LIMIT :limit");
    params.put("limit", limit);
    final List<Object[]> rows =
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (row, n) ->
                    new Object[] {
                      row.getLong("id"),
                      row.getString("number"),
                      ChangeType.valueOf(row.getString("type")),
                      row.getString("short_description"),
                      ChangeState.valueOf(row.getString("state")),
                      row.getString("risk") == null
                          ? null
                          : ChangeRisk.valueOf(row.getString("risk")),
                      row.getString("assignment_group"),
                      row.getString("implementer"),
                      row.getTimestamp("planned_start").toInstant(),
                      row.getTimestamp("planned_end").toInstant()
                    })
            .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    final Map<Long, List<AffectedCi>> cis = new HashMap<>();
    jdbc.sql(
            "SELECT change_request_id, ci_id, ci_name FROM domain.change_request_ci"
                + " WHERE change_request_id IN (:ids) ORDER BY ci_name")
        .param("ids", rows.stream().map(row -> (Long) row[0]).toList())
        .query(
            (row, n) -> {
              cis.computeIfAbsent(row.getLong("change_request_id"), id -> new ArrayList<>())
                  .add(
                      new AffectedCi(row.getObject("ci_id", UUID.class), row.getString("ci_name")));
              return null;
            })
        .list();
    return rows.stream()
        .map(
            row ->
                new ScheduledChange(
                    (Long) row[0],
                    (String) row[1],
                    (ChangeType) row[2],
                    (String) row[3],
                    (ChangeState) row[4],
                    (ChangeRisk) row[5],
                    (String) row[6],
                    (String) row[7],
                    (Instant) row[8],
                    (Instant) row[9],
                    cis.getOrDefault((Long) row[0], List.of())))
        .toList();
  }
}
