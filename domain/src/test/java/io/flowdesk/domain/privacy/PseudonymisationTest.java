package io.flowdesk.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalMode;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.approval.NewApproval;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationVote;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeImpact;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.VoteDecision;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.engine.test.SharedPostgres;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's erasure in the domain: their name and email leave every record, journal, audit value
 * and approval, the records keep their facts, and the audit trails stay append-only for every other
 * write.
 */
class PseudonymisationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static final AtomicLong KEYS = new AtomicLong(9_000);

  static ConfigurableApplicationContext context;
  static JdbcClient jdbc;
  static TransactionTemplate transaction;

  @BeforeAll
  static void start() {
    context =
        new SpringApplicationBuilder(DomainApp.class)
            .web(WebApplicationType.NONE)
            .run(
                "--spring.datasource.url=" + SharedPostgres.newDatabase(),
                "--spring.datasource.username=" + SharedPostgres.user(),
                "--spring.datasource.password=" + SharedPostgres.password(),
                "--spring.flyway.enabled=false",
                "--flowdesk.secrets.key=" + "A".repeat(43) + "=");
    jdbc = JdbcClient.create(context.getBean(DataSource.class));
    transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    final Directory directory = context.getBean(Directory.class);
    directory.addPerson("greta", "Greta Gdpr", "greta@example.com", Set.of(Role.MANAGER), null);
    directory.addPerson("otto", "Otto Other", "otto@example.com", Set.of(Role.AGENT), null);
    directory.updateContact(
        "greta", "Greta Gdpr", "greta@example.com", "+41 44 123 45 67", "U0GRETA01");
    directory.setManager("greta", "otto");
    directory.saveGroup(new AssignmentGroup("desk", "Desk", "greta"));
    directory.addMember("desk", "greta");
    context
        .getBean(NotificationPreferences.class)
        .choose("greta", Map.of(NotificationKind.MY_RECORD_UPDATES, Set.of()));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void nameAndEmailLeaveEveryRecordWhileNumbersStatesAndTrailsStay() {
    final IncidentRecords incidents = context.getBean(IncidentRecords.class);
    final RequestRecords requests = context.getBean(RequestRecords.class);
    final Approvals approvals = context.getBean(Approvals.class);
    final Incident incident =
        incidents.report(
            new NewIncident(
                "greta",
                "Printer of Greta Gdpr",
                "Call me at GRETA@example.com",
                null,
                null,
                Level.LOW,
                Level.LOW),
            ChangeSource.person("greta"));
    incidents.addJournalEntry(
        incident.id(), JournalKind.COMMENT, "Greta Gdpr again", ChangeSource.person("greta"));
    incidents.addJournalEntry(
        incident.id(), JournalKind.COMMENT, "Ask greta, not gretchen", ChangeSource.person("otto"));
    final Request request =
        requests.submit(
            new NewRequest(
                "greta",
                "otto",
                "new-laptop",
                1,
                "Laptop, ordered by Greta Gdpr",
                Map.of("contact", "greta@example.com"),
                null),
            Actor.person("greta"));
    requests.addJournalEntry(
        request.id(),
        io.flowdesk.domain.record.JournalKind.COMMENT,
        "Mail greta@example.com",
        Actor.person("greta"));
    final Approval approval =
        approvals.open(
            new NewApproval(
                KEYS.incrementAndGet(),
                request.number(),
                "Laptop for Otto, asked by Greta Gdpr",
                "greta",
                "otto",
                ApprovalMode.ANY,
                1,
                List.of("greta")));
    approvals.decide(
        approval.id(),
        KEYS.incrementAndGet(),
        "greta",
        false,
        "Greta Gdpr says no",
        null,
        Instant.parse("2026-12-01T10:00:00Z"));
    final List<Map<String, Object>> incidentTrail = trail("incident_audit", incident.id());
    final List<Map<String, Object>> requestTrail = trail("request_audit", request.id());

    final int changed =
        context
            .getBean(Pseudonymisation.class)
            .pseudonymise("greta", "erased-0a1b2c", List.of("Greta Gdpr", "greta@example.com"));

    assertThat(changed).isGreaterThanOrEqualTo(8);
    final Incident after = incidents.find(incident.id()).orElseThrow();
    assertThat(after.shortDescription()).isEqualTo("Printer of erased-0a1b2c");
    assertThat(after.description()).isEqualTo("Call me at erased-0a1b2c");
    assertThat(after.number()).isEqualTo(incident.number());
    assertThat(after.state()).isEqualTo(incident.state());
    assertThat(after.caller()).isEqualTo("erased-0a1b2c");
    final Request requestAfter = requests.find(request.id()).orElseThrow();
    assertThat(requestAfter.title()).isEqualTo("Laptop, ordered by erased-0a1b2c");
    assertThat(requestAfter.answers()).containsEntry("contact", "erased-0a1b2c");
    assertThat(requestAfter.state()).isEqualTo(request.state());
    assertThat(approvals.find(approval.id()).orElseThrow().subject())
        .isEqualTo("Laptop for Otto, asked by erased-0a1b2c");
    // The trails: as many entries, same when/field, only values and the erased actor rewritten.
    assertThat(trail("incident_audit", incident.id()))
        .hasSameSizeAs(incidentTrail)
        .extracting(row -> List.of(row.get("actor"), row.get("at"), row.get("field")))
        .isEqualTo(
            incidentTrail.stream()
                .map(
                    row ->
                        List.of(
                            "greta".equals(row.get("actor")) ? "erased-0a1b2c" : row.get("actor"),
                            row.get("at"),
                            row.get("field")))
                .toList());
    assertThat(trail("request_audit", request.id())).hasSameSizeAs(requestTrail);
    final String everything =
        String.join(
            "\n",
            jdbc.sql(
                    """
                    SELECT concat_ws(' ', old_value, new_value) FROM domain.incident_audit
                    UNION ALL SELECT concat_ws(' ', old_value, new_value) FROM domain.request_audit
                    UNION ALL SELECT text FROM domain.incident_journal
                    UNION ALL SELECT text FROM domain.request_journal
                    UNION ALL SELECT comment FROM domain.approval_step WHERE comment IS NOT NULL
                    """)
                .query(String.class)
                .list());
    assertThat(everything)
        .doesNotContainIgnoringCase("greta@example.com")
        .doesNotContain("Greta Gdpr")
        .contains("erased-0a1b2c says no", "Mail erased-0a1b2c", "Ask erased-0a1b2c, not gretchen");
    // The directory entry: named by the pseudonym, reachable nowhere, signed in by nobody.
    final Directory directory = context.getBean(Directory.class);
    assertThat(directory.person("greta")).isEmpty();
    final Person greta = directory.person("erased-0a1b2c").orElseThrow();
    assertThat(greta.displayName()).isEqualTo("erased-0a1b2c");
    assertThat(greta.email()).isEqualTo("erased-0a1b2c@erased.invalid");
    assertThat(greta.enabled()).isFalse();
    assertThat(greta.groups()).isEmpty();
    assertThat(greta.roles()).containsExactly(Role.MANAGER);
    assertThat(directory.phone("erased-0a1b2c")).isEmpty();
    assertThat(directory.chatHandle("erased-0a1b2c")).isEmpty();
    assertThat(directory.manager("erased-0a1b2c")).isEmpty();
    assertThat(directory.group("desk").orElseThrow().manager()).isNull();
    assertThat(
            context
                .getBean(NotificationPreferences.class)
                .of("erased-0a1b2c")
                .get(NotificationKind.MY_RECORD_UPDATES))
        .containsExactly(NotificationChannel.EMAIL);
    assertThat(Pseudonymisation.isErased(greta.email())).isTrue();
    assertThat(columnsMentioning("greta")).isEmpty();
  }

  @Test
  void theTrailsStayAppendOnlyForEveryOtherWriteAlsoRightAfterAnErasure() {
    context
        .getBean(Directory.class)
        .addPerson("fred", "Fred Forget", "fred@example.com", Set.of(Role.END_USER), null);
    final Incident incident =
        context
            .getBean(IncidentRecords.class)
            .report(
                new NewIncident("fred", "Fred's mouse", null, null, null, Level.LOW, Level.LOW),
                ChangeSource.person("fred"));
    final Request request =
        context
            .getBean(RequestRecords.class)
            .submit(
                new NewRequest("fred", "fred", "mouse", 1, "Mouse", Map.of(), null),
                Actor.person("fred"));

    for (final String table : List.of("incident_audit", "request_audit")) {
      assertThatThrownBy(() -> jdbc.sql("UPDATE domain." + table + " SET new_value = 'x'").update())
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.sql("DELETE FROM domain." + table).update())
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.sql("TRUNCATE domain." + table + " CASCADE").update())
          .hasMessageContaining("append-only");
      // In the erasure's own transaction, after it: the switch is off again.
      assertThatThrownBy(
              () ->
                  transaction.executeWithoutResult(
                      status -> {
                        context
                            .getBean(Pseudonymisation.class)
                            .pseudonymise("fred", "erased-f0f0f0", List.of("Fred Forget"));
                        jdbc.sql("UPDATE domain." + table + " SET new_value = 'x'").update();
                      }))
          .hasMessageContaining("append-only");
      // Switched on by hand, it still lets only values change, never who, when or which field.
      assertThatThrownBy(
              () ->
                  transaction.executeWithoutResult(
                      status -> {
                        jdbc.sql("SET LOCAL flowdesk.pseudonymise = 'on'").update();
                        jdbc.sql("UPDATE domain." + table + " SET actor = 'someone'").update();
                      }))
          .hasMessageContaining("append-only");
    }
    assertThat(trail("incident_audit", incident.id())).isNotEmpty();
    assertThat(trail("request_audit", request.id())).isNotEmpty();
    assertThat(context.getBean(Directory.class).person("fred").orElseThrow().enabled()).isTrue();
  }

  @Test
  void theUsernameLeavesEveryColumnWhileRecordsStayLinkedUnderThePseudonym() {
    final Directory directory = context.getBean(Directory.class);
    directory.addPerson("j.smith", "Jo Smith", "jo@example.com", Set.of(Role.AGENT), null);
    directory.addPerson("mia", "Mia Mate", "mia@example.com", Set.of(Role.END_USER), null);
    directory.setManager("mia", "j.smith");
    final Actor jo = Actor.person("j.smith");
    final IncidentRecords incidents = context.getBean(IncidentRecords.class);
    final Incident incident =
        incidents.report(
            new NewIncident("j.smith", "Jo's screen", null, null, null, Level.LOW, Level.LOW),
            ChangeSource.person("j.smith"));
    incidents.watch(incident.id(), "j.smith", ChangeSource.person("j.smith"));
    incidents.attach(
        incident.id(),
        "screen.png",
        "image/png",
        new ByteArrayInputStream(new byte[] {1}),
        ChangeSource.person("j.smith"));
    incidents.addJournalEntry(
        incident.id(), JournalKind.WORK_NOTE, "Asked J.Smith by chat", ChangeSource.person("otto"));
    final RequestRecords requests = context.getBean(RequestRecords.class);
    final Request request =
        requests.submit(
            new NewRequest(
                "j.smith",
                "mia",
                "new-laptop",
                1,
                "Laptop for Mia",
                Map.of("deliverTo", "j.smith", "note", "hand it to j.smith"),
                null),
            jo);
    requests.addJournalEntry(
        request.id(), io.flowdesk.domain.record.JournalKind.COMMENT, "Thanks", jo);
    final Approvals approvals = context.getBean(Approvals.class);
    final Approval approval =
        approvals.open(
            new NewApproval(
                KEYS.incrementAndGet(),
                request.number(),
                "Laptop for Mia",
                "j.smith",
                "mia",
                ApprovalMode.ALL,
                2,
                List.of("otto", "j.smith")));
    approvals.delegate(
        approval.id(),
        KEYS.incrementAndGet(),
        "j.smith",
        "otto",
        "away",
        Instant.parse("2026-12-01T10:00:00Z"));
    final ChangeRecords changes = context.getBean(ChangeRecords.class);
    final Change change =
        changes.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                "Swap Jo's disk",
                "Asked by j.smith",
                "j.smith",
                "desk",
                "j.smith",
                List.of(new AffectedCi(UUID.randomUUID(), "pc-17")),
                Instant.parse("2026-12-10T20:00:00Z"),
                Instant.parse("2026-12-10T21:00:00Z"),
                "Swap it.",
                "Swap it back.",
                "It boots.",
                ChangeImpact.LOW,
                List.of()),
            jo);
    changes.addJournalEntry(
        change.id(), io.flowdesk.domain.record.JournalKind.WORK_NOTE, "Planned", jo);
    changes.watch(change.id(), "j.smith", jo);
    changes.authorize(
        change.id(),
        Authorization.APPROVED,
        "CAB",
        2,
        List.of(
            new AuthorizationVote(
                "j.smith",
                VoteDecision.ABSTAINED,
                "j.smith wrote the plan",
                Instant.parse("2026-12-09T10:00:00Z"),
                null),
            new AuthorizationVote(
                "otto",
                VoteDecision.APPROVED,
                null,
                Instant.parse("2026-12-09T11:00:00Z"),
                "j.smith")),
        null,
        Actor.person("otto"));
    final Cmdb cmdb = context.getBean(Cmdb.class);
    final ConfigurationItem server =
        cmdb.create(
            new CiDraft(
                CiClass.SERVER,
                "srv-jo",
                "j.smith",
                null,
                Environment.PRODUCTION,
                LifecycleStatus.IN_SERVICE,
                null,
                null,
                Map.of()),
            jo);
    final ConfigurationItem app =
        cmdb.create(
            new CiDraft(
                CiClass.APPLICATION,
                "app-jo",
                "otto",
                null,
                Environment.PRODUCTION,
                LifecycleStatus.IN_SERVICE,
                null,
                null,
                Map.of()),
            jo);
    cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), jo);
    final ProblemRecords problems = context.getBean(ProblemRecords.class);
    final Problem problem =
        problems.record(
            new NewProblem(
                "j.smith's disks keep failing",
                "Reported by j.smith",
                null,
                List.of(new AffectedCi(server.id(), server.name())),
                "desk",
                "j.smith",
                Priority.P3,
                List.of(incident.number()),
                "j.smith",
                false),
            jo);
    problems
        .core()
        .addJournalEntry(
            problem.id(), io.flowdesk.domain.record.JournalKind.WORK_NOTE, "Ask j.smith", jo);
    assertThat(columnsMentioning("j.smith")).isNotEmpty();

    context
        .getBean(Pseudonymisation.class)
        .pseudonymise("j.smith", "erased-5e5e5e", List.of("Jo Smith", "jo@example.com"));

    assertThat(columnsMentioning("j.smith")).isEmpty();
    final Incident incidentAfter = incidents.find(incident.id()).orElseThrow();
    assertThat(incidentAfter.number()).isEqualTo(incident.number());
    assertThat(incidentAfter.state()).isEqualTo(incident.state());
    assertThat(incidentAfter.createdAt()).isEqualTo(incident.createdAt());
    assertThat(incidentAfter.caller()).isEqualTo("erased-5e5e5e");
    assertThat(incidents.watchers(incident.id())).containsExactly("erased-5e5e5e");
    assertThat(incidents.journal(incident.id(), true))
        .extracting(entry -> entry.author() + ": " + entry.text())
        .containsExactly("otto: Asked erased-5e5e5e by chat");
    final Request requestAfter = requests.find(request.id()).orElseThrow();
    assertThat(requestAfter.number()).isEqualTo(request.number());
    assertThat(requestAfter.state()).isEqualTo(request.state());
    assertThat(requestAfter.requester()).isEqualTo("erased-5e5e5e");
    assertThat(requestAfter.requestedFor()).isEqualTo("mia");
    assertThat(requestAfter.answers())
        .containsEntry("deliverTo", "erased-5e5e5e")
        .containsEntry("note", "hand it to erased-5e5e5e");
    assertThat(requests.journal(request.id(), true))
        .extracting(entry -> entry.author())
        .containsExactly("erased-5e5e5e");
    assertThat(trail("request_audit", request.id()))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("actor")).isEqualTo("erased-5e5e5e"));
    final Approval approvalAfter = approvals.find(approval.id()).orElseThrow();
    assertThat(approvalAfter.approvers()).containsExactly("otto", "erased-5e5e5e");
    assertThat(approvalAfter.requester()).isEqualTo("erased-5e5e5e");
    final Change changeAfter = changes.find(change.id()).orElseThrow();
    assertThat(changeAfter.number()).isEqualTo(change.number());
    assertThat(changeAfter.state()).isEqualTo(change.state());
    assertThat(changeAfter.requestedBy()).isEqualTo("erased-5e5e5e");
    assertThat(changeAfter.implementer()).isEqualTo("erased-5e5e5e");
    assertThat(changes.watchers(change.id())).containsExactly("erased-5e5e5e");
    assertThat(cmdb.get(server.id()).owner()).isEqualTo("erased-5e5e5e");
    assertThat(cmdb.history(server.id()))
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("erased-5e5e5e"));
    assertThat(cmdb.relationships(app.id())).hasSize(1);
    final Problem problemAfter = problems.find(problem.id()).orElseThrow();
    assertThat(problemAfter.number()).isEqualTo(problem.number());
    assertThat(problemAfter.raisedBy()).isEqualTo("erased-5e5e5e");
    assertThat(problemAfter.assignee()).isEqualTo("erased-5e5e5e");
    // The directory: the entry under the pseudonym keeps its roles, the people it managed follow.
    assertThat(directory.person("j.smith")).isEmpty();
    assertThat(directory.person("erased-5e5e5e").orElseThrow().roles()).containsExactly(Role.AGENT);
    assertThat(directory.manager("mia")).contains("erased-5e5e5e");
    // Nothing refers to the old username any more: it can be given to somebody new.
    directory.addPerson("j.smith", "Jane Smith", "jane@example.com", Set.of(Role.END_USER), null);
    assertThat(directory.person("j.smith")).isPresent();
  }

  @Test
  void aPseudonymThatIsSomebodysUsernameIsRefused() {
    context
        .getBean(Directory.class)
        .addPerson("kim", "Kim Keep", "kim@example.com", Set.of(Role.END_USER), null);
    assertThatThrownBy(
            () ->
                context
                    .getBean(Pseudonymisation.class)
                    .pseudonymise("kim", "otto", List.of("Kim Keep")))
        .hasMessageContaining("somebody's username already");
    assertThat(context.getBean(Directory.class).person("kim").orElseThrow().enabled()).isTrue();
  }

  /**
   * Every text, JSON or array column of the domain schema (so a table added later is searched too)
   * holding {@code username} anywhere in some row, as {@code table.column}.
   */
  private static List<String> columnsMentioning(final String username) {
    final List<Map<String, Object>> columns =
        jdbc.sql(
                """
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'domain'
                   AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb',
                                     'ARRAY')
                """)
            .query()
            .listOfRows();
    return columns.stream()
        .filter(
            column ->
                jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM domain.\""
                            + column.get("table_name")
                            + "\" WHERE strpos(lower(\""
                            + column.get("column_name")
                            + "\"::text), lower(:username)) > 0)")
                    .param("username", username)
                    .query(Boolean.class)
                    .single())
        .map(column -> column.get("table_name") + "." + column.get("column_name"))
        .toList();
  }

  private static List<Map<String, Object>> trail(final String table, final long id) {
    final String key = table.startsWith("incident") ? "incident_id" : "request_id";
    return jdbc.sql(
            "SELECT actor, at, field, old_value, new_value FROM domain."
                + table
                + " WHERE "
                + key
                + " = :id ORDER BY id")
        .param("id", id)
        .query()
        .listOfRows();
  }
}
