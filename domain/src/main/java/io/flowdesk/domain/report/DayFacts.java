package io.flowdesk.domain.report;

/**
 * The per-day facts the volume and MTTA/MTTR reports add up, as SQL over the records for the days
 * {@code [:la, :lb)}: {@link ReportRollup} stores them for closed days and {@link ServiceReports}
 * computes the days after those live with the same SQL, so that both answer alike.
 */
final class DayFacts {

  static final String INCIDENT_RESOLVED = "a.field = 'state' AND a.new_value = 'RESOLVED'";
  static final String REQUEST_CLOSED =
      "a.field = 'state' AND a.new_value IN ('FULFILLED', 'REJECTED', 'CLOSED', 'CANCELED')";
  static final String CHANGE_CLOSED = "a.field = 'state' AND a.new_value IN ('CLOSED', 'CANCELED')";

  /** Columns day, kind, assignment_group, opened. */
  static final String OPENED =
      """
      SELECT CAST(i.created_at AT TIME ZONE 'UTC' AS date), 'incident',
             coalesce(i.assignment_group, ''), count(*)
        FROM domain.incident i WHERE i.created_at >= :la AND i.created_at < :lb GROUP BY 1, 3
      UNION ALL
      SELECT CAST(r.created_at AT TIME ZONE 'UTC' AS date), 'request', '', count(*)
        FROM domain.request r WHERE r.created_at >= :la AND r.created_at < :lb GROUP BY 1
      UNION ALL
      SELECT CAST(c.created_at AT TIME ZONE 'UTC' AS date), 'change',
             coalesce(c.assignment_group, ''), count(*)
        FROM domain.change_request c WHERE c.created_at >= :la AND c.created_at < :lb GROUP BY 1, 3
      """;

  /** Columns day, kind, record_id, assignment_group: each record once per day it closed. */
  static final String CLOSED =
      """
      SELECT DISTINCT CAST(a.at AT TIME ZONE 'UTC' AS date), 'incident', a.incident_id,
             coalesce(i.assignment_group, '')
        FROM domain.incident_audit a JOIN domain.incident i ON i.id = a.incident_id
       WHERE %1$s AND a.at >= :la AND a.at < :lb
      UNION ALL
      SELECT DISTINCT CAST(a.at AT TIME ZONE 'UTC' AS date), 'request', a.request_id, ''
        FROM domain.request_audit a WHERE %2$s AND a.at >= :la AND a.at < :lb
      UNION ALL
      SELECT DISTINCT CAST(a.at AT TIME ZONE 'UTC' AS date), 'change', a.change_request_id,
             coalesce(c.assignment_group, '')
        FROM domain.change_request_audit a JOIN domain.change_request c ON c.id = a.change_request_id
       WHERE %3$s AND a.at >= :la AND a.at < :lb
      """
          .formatted(INCIDENT_RESOLVED, REQUEST_CLOSED, CHANGE_CLOSED);

  /**
   * Columns day, assignment_group, opened, response_seconds, responded, resolution_seconds,
   * resolved: incidents by the day they were opened, resolution at their first resolution ever.
   */
  static final String RESOLUTION =
      """
      SELECT CAST(i.created_at AT TIME ZONE 'UTC' AS date), coalesce(i.assignment_group, ''),
             count(*), sum(extract(epoch FROM i.responded_at - i.created_at)), count(i.responded_at),
             sum(extract(epoch FROM r.at - i.created_at)), count(r.at)
        FROM domain.incident i
        LEFT JOIN LATERAL (SELECT min(a.at) AS at FROM domain.incident_audit a
                            WHERE a.incident_id = i.id AND %s) r ON true
       WHERE i.created_at >= :la AND i.created_at < :lb
       GROUP BY 1, 2
      """
          .formatted(INCIDENT_RESOLVED);

  private DayFacts() {}
}
