package io.flowdesk.app.report;

import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.time.OffsetDateTime;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Six incidents in the first week of March 2021 (nothing else in the shared test database is that
 * old) in two groups of their own, rpt-east and rpt-west, and an agent of rpt-east only: the
 * numbers the report and list tests expect are worked out from these rows in their comments.
 *
 * <pre>
 * number       group     prio created          responded  state        resolved (audit)  breached      category            CI
 * INCRPT00001  rpt-east  P1   03-01 10:00      +10 min    RESOLVED     03-01 14:00 (4 h)  –             email               mail-server-01
 * INCRPT00002  rpt-east  P1   03-02 09:00      +30 min    RESOLVED     03-03 09:00 (24 h) resp + resol  email               mail-server-01
 * INCRPT00003  rpt-east  P3   03-02 12:00      +60 min    IN_PROGRESS  –                  –             network             –
 * INCRPT00004  rpt-east  P3   03-05 08:00      –          NEW          –                  –             email               –
 * INCRPT00005  rpt-west  P2   03-03 10:00      +20 min    CLOSED       03-03 12:00 (2 h)  –             =cmd|calc           core-switch-01
 * INCRPT00006  rpt-west  P2   03-04 10:00      +90 min    ON_HOLD      –                  resp          wan "core", east    –
 * </pre>
 */
final class SeededIncidents {

  static final String AGENT = "reports.agent";
  static final String PASSWORD = io.flowdesk.app.WebTestSupport.DEMO_PASSWORD;
  static final String EAST = "rpt-east";
  static final String WEST = "rpt-west";
  static final String FROM = "2021-03-01";
  static final String TO = "2021-03-07";

  private static boolean seeded;

  private SeededIncidents() {}

  static synchronized void seed(
      final DataSource dataSource, final Directory directory, final PasswordEncoder passwords) {
    if (seeded) {
      return;
    }
    directory.saveGroup(new AssignmentGroup(EAST, "Reports East", null));
    directory.saveGroup(new AssignmentGroup(WEST, "Reports West", null));
    directory.addPerson(
        AGENT,
        "Reports Agent",
        AGENT + "@example.com",
        Set.of(Role.AGENT),
        passwords.encode(PASSWORD));
    directory.addMember(EAST, AGENT);
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    incident(
        jdbc,
        1,
        EAST,
        "P1",
        "2021-03-01T10:00Z",
        10,
        "RESOLVED",
        "2021-03-01T14:00Z",
        false,
        false,
        "email",
        "mail-server-01");
    incident(
        jdbc,
        2,
        EAST,
        "P1",
        "2021-03-02T09:00Z",
        30,
        "RESOLVED",
        "2021-03-03T09:00Z",
        true,
        true,
        "email",
        "mail-server-01");
    incident(
        jdbc,
        3,
        EAST,
        "P3",
        "2021-03-02T12:00Z",
        60,
        "IN_PROGRESS",
        null,
        false,
        false,
        "network",
        null);
    incident(
        jdbc, 4, EAST, "P3", "2021-03-05T08:00Z", null, "NEW", null, false, false, "email", null);
    incident(
        jdbc,
        5,
        WEST,
        "P2",
        "2021-03-03T10:00Z",
        20,
        "CLOSED",
        "2021-03-03T12:00Z",
        false,
        false,
        "=cmd|calc",
        "core-switch-01");
    incident(
        jdbc,
        6,
        WEST,
        "P2",
        "2021-03-04T10:00Z",
        90,
        "ON_HOLD",
        null,
        true,
        false,
        "wan \"core\", east",
        null);
    seeded = true;
  }

  static String number(final int n) {
    return "INCRPT%05d".formatted(n);
  }

  private static void incident(
      final JdbcClient jdbc,
      final int n,
      final String group,
      final String priority,
      final String created,
      final Integer respondedAfterMinutes,
      final String state,
      final String resolved,
      final boolean responseBreached,
      final boolean resolutionBreached,
      final String category,
      final String ci) {
    final OffsetDateTime createdAt = OffsetDateTime.parse(created);
    // Written now, as every record is: the report summaries recompute the days of the records
    // updated since their last refresh (the app's job may have run before this seed).
    final long id =
        jdbc.sql(
                """
                INSERT INTO domain.incident (number, caller, short_description, category,
                  configuration_item, impact, urgency, priority, state, assignment_group,
                  responded_at, response_breached, resolution_breached, created_at, updated_at)
                VALUES (:number, 'alice', :summary, :category, :ci, 'MEDIUM', 'MEDIUM', :priority,
                  :state, :group, :responded, :responseBreached, :resolutionBreached, :created,
                  now()) RETURNING id
                """)
            .param("number", number(n))
            .param("summary", "Seeded report incident " + n)
            .param("category", category)
            .param("ci", ci)
            .param("priority", priority)
            .param("state", state)
            .param("group", group)
            .param(
                "responded",
                respondedAfterMinutes == null ? null : createdAt.plusMinutes(respondedAfterMinutes))
            .param("responseBreached", responseBreached)
            .param("resolutionBreached", resolutionBreached)
            .param("created", createdAt)
            .query(Long.class)
            .single();
    if (resolved != null) {
      jdbc.sql(
              "INSERT INTO domain.incident_audit (incident_id, actor, at, field, old_value, new_value)"
                  + " VALUES (:id, 'agent.anna', :at, 'state', 'IN_PROGRESS', 'RESOLVED')")
          .param("id", id)
          .param("at", OffsetDateTime.parse(resolved))
          .update();
    }
  }
}
