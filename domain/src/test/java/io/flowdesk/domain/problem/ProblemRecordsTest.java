package io.flowdesk.domain.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.RecurringIncidents.Cluster;
import io.flowdesk.domain.problem.RecurringIncidents.GroupBy;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Problem records and the recurring-incident detection on the domain's own schema. */
class ProblemRecordsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static ProblemRecords problems;
  static IncidentRecords incidents;
  static RecurringIncidents recurring;
  static JdbcClient jdbc;
  static final Actor PAM = Actor.person("manager.pam");

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
    problems = context.getBean(ProblemRecords.class);
    incidents = context.getBean(IncidentRecords.class);
    recurring = context.getBean(RecurringIncidents.class);
    jdbc = JdbcClient.create(context.getBean(DataSource.class));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static NewProblem problem(final String category, final List<AffectedCi> cis) {
    return new NewProblem(
        "Mail server drops connections",
        "Several users lose their mail session every morning.",
        category,
        cis,
        "problem-management",
        null,
        Priority.P2,
        List.of(),
        "manager.pam",
        false);
  }

  static UUID ci(final String name) {
    final UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO domain.ci (id, class_name, name, environment, status)"
                + " VALUES (:id, 'server', :name, 'PRODUCTION', 'IN_SERVICE')")
        .param("id", id)
        .param("name", name)
        .update();
    return id;
  }

  static Incident incident(final String category, final UUID ci) {
    final Incident reported =
        incidents.report(
            new NewIncident("carol", "Mail is down", null, category, null, Level.LOW, Level.LOW),
            ChangeSource.person("carol"));
    if (ci != null) {
      incidents.cis().link(reported.id(), ci, Actor.person("agent.anna"));
    }
    return reported;
  }

  @Test
  void aProblemIsNumberedAuditedAndGoesThroughItsLifeCycle() {
    final Problem raised = problems.record(problem("email", List.of()), PAM);
    assertThat(raised.number()).matches("PRB\\d{7}");
    assertThat(raised.state()).isEqualTo(ProblemState.NEW);
    assertThat(problems.auditTrail(raised.id()))
        .extracting(AuditEntry::field)
        .contains("number", "state", "priority", "assignmentGroup", "category");

    problems.moveTo(raised.id(), ProblemState.ASSESS, null, PAM);
    problems.moveTo(raised.id(), ProblemState.ROOT_CAUSE_ANALYSIS, null, PAM);
    problems.recordCause(raised.id(), "A leaking connection pool.", "software-defect", PAM);
    problems.moveTo(raised.id(), ProblemState.FIX_IN_PROGRESS, null, PAM);
    final Problem resolved =
        problems.moveTo(raised.id(), ProblemState.RESOLVED, "Fixed by the pool upgrade.", PAM);

    assertThat(resolved.state()).isEqualTo(ProblemState.RESOLVED);
    assertThat(resolved.cause()).isEqualTo("A leaking connection pool.");
    assertThat(resolved.causeCode()).isEqualTo("software-defect");
    assertThat(problems.journal(raised.id(), false))
        .extracting(e -> e.text())
        .containsExactly("Fixed by the pool upgrade.");
    assertThatThrownBy(() -> problems.moveTo(raised.id(), ProblemState.CANCELED, null, PAM))
        .isInstanceOf(TransitionRefusedException.class)
        .hasMessageContaining(raised.number())
        .hasMessageContaining("RESOLVED");
  }

  @Test
  void aStepMayNotBeSkipped() {
    final Problem raised = problems.record(problem(null, List.of()), PAM);
    assertThatThrownBy(() -> problems.moveTo(raised.id(), ProblemState.RESOLVED, null, PAM))
        .isInstanceOf(TransitionRefusedException.class)
        .hasMessageContaining("NEW");
    assertThat(problems.find(raised.id()).orElseThrow().state()).isEqualTo(ProblemState.NEW);
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    final long before = jdbc.sql("SELECT count(*) FROM domain.problem").query(Long.class).single();
    assertThatThrownBy(
            () ->
                problems.record(
                    new NewProblem(
                        "x".repeat(161),
                        null,
                        null,
                        List.of(),
                        "problem-management",
                        null,
                        Priority.P3,
                        List.of(),
                        "manager.pam",
                        false),
                    PAM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shortDescription");
    assertThatThrownBy(
            () ->
                problems.record(
                    new NewProblem(
                        "Slow",
                        null,
                        null,
                        List.of(),
                        "problem-management",
                        null,
                        Priority.P3,
                        List.of("CHG0000001"),
                        "manager.pam",
                        false),
                    PAM))
        .hasMessageContaining("incident 'CHG0000001'");
    assertThat(jdbc.sql("SELECT count(*) FROM domain.problem").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void incidentsAndFixesAreLinkedAndUnlinked() {
    final Problem raised = problems.record(problem(null, List.of()), PAM);
    problems.linkIncident(raised.id(), "INC0000101", PAM);
    problems.linkIncident(raised.id(), "INC0000102", PAM);
    problems.unlinkIncident(raised.id(), "INC0000101", PAM);
    final Problem fixed = problems.linkFix(raised.id(), "CHG0000007", PAM);

    assertThat(fixed.incidents()).containsExactly("INC0000102");
    assertThat(fixed.changes()).containsExactly("CHG0000007");
    assertThat(problems.linkedTo("INC0000102"))
        .extracting(Problem::number)
        .contains(raised.number());
    assertThat(problems.linkedTo("INC0000101"))
        .extracting(Problem::number)
        .doesNotContain(raised.number());
    assertThat(problems.fixedBy("CHG0000007"))
        .extracting(Problem::number)
        .containsExactly(raised.number());
    assertThat(problems.auditTrail(raised.id()))
        .filteredOn(e -> e.field().equals("incident"))
        .extracting(AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, "INC0000101"),
            org.assertj.core.groups.Tuple.tuple(null, "INC0000102"),
            org.assertj.core.groups.Tuple.tuple("INC0000101", null));
  }

  @Test
  void aKnownErrorsWorkaroundAppliesToLinkedAndMatchingIncidents() {
    final UUID mail = ci("mail-kedb-01");
    final Problem onCi =
        problems.record(problem(null, List.of(new AffectedCi(mail, "mail-kedb-01"))), PAM);
    final Problem linked = problems.record(problem(null, List.of()), PAM);
    final Problem notKnown = problems.record(problem("vpn-kedb", List.of()), PAM);
    problems.linkIncident(linked.id(), "INC0000555", PAM);
    problems.linkIncident(notKnown.id(), "INC0000555", PAM);

    assertThat(problems.knownErrorsFor("INC0000555", Set.of(mail), "vpn-kedb")).isEmpty();

    final Problem known = problems.markKnownError(onCi.id(), "Restart the mail client.", PAM);
    problems.markKnownError(linked.id(), "Use webmail meanwhile.", PAM);
    assertThat(known.knownError()).isTrue();
    assertThat(known.knownErrorSince()).isNotNull();

    assertThat(problems.knownErrorsFor("INC0000555", Set.of(mail), null))
        .extracting(Problem::workaround)
        .containsExactlyInAnyOrder("Restart the mail client.", "Use webmail meanwhile.");
    assertThat(problems.knownErrorsFor("INC0000999", Set.of(), null)).isEmpty();
    assertThat(problems.knownErrorsFor("INC0000999", Set.of(mail), null))
        .extracting(Problem::number)
        .containsExactly(onCi.number());

    // Once the problem is closed its workaround no longer applies.
    problems.moveTo(onCi.id(), ProblemState.CANCELED, "Duplicate.", PAM);
    assertThat(problems.knownErrorsFor("INC0000999", Set.of(mail), null)).isEmpty();
  }

  @Test
  void aWorkaroundIsRequiredForAKnownError() {
    final Problem raised = problems.record(problem(null, List.of()), PAM);
    assertThatThrownBy(() -> problems.markKnownError(raised.id(), "  ", PAM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workaround");
    assertThat(problems.find(raised.id()).orElseThrow().knownError()).isFalse();
  }

  @Test
  void searchFiltersByStateGroupAndKnownError() {
    final Problem known = problems.record(problem(null, List.of()), PAM);
    problems.markKnownError(known.id(), "Reboot.", PAM);
    problems.moveTo(known.id(), ProblemState.ASSESS, null, PAM);
    assertThat(
            problems
                .search(
                    Set.of(ProblemState.ASSESS),
                    "problem-management",
                    true,
                    false,
                    Pageable.unpaged())
                .map(Problem::number))
        .contains(known.number())
        .allSatisfy(
            number ->
                assertThat(problems.findByNumber(number).orElseThrow().knownError()).isTrue());
    assertThat(problems.search(Set.of(ProblemState.CLOSED), null, false, false, Pageable.unpaged()))
        .extracting(Problem::number)
        .doesNotContain(known.number());
  }

  @Test
  void recurringIncidentsOnOneCiOrCategoryAreFoundOnceEnoughOccurred() {
    final UUID vpn = ci("vpn-gw-recur");
    incident("network-recur", vpn);
    incident("network-recur", vpn);
    assertThat(recurring.find(GroupBy.CI, 3, Duration.ofHours(24)))
        .extracting(c -> c.ci().ciId())
        .doesNotContain(vpn);

    final Incident third = incident("network-recur", vpn);
    final List<Cluster> byCi = recurring.find(GroupBy.CI, 3, Duration.ofHours(24));
    final Cluster cluster =
        byCi.stream().filter(c -> vpn.equals(c.ci().ciId())).findFirst().orElseThrow();
    assertThat(cluster.ci().name()).isEqualTo("vpn-gw-recur");
    assertThat(cluster.incidents()).hasSize(3).endsWith(third.number());
    assertThat(recurring.find(GroupBy.CATEGORY, 3, Duration.ofHours(24)))
        .extracting(Cluster::category)
        .contains("network-recur");

    // Once a problem is raised for them, they are not proposed again.
    final Problem raised = problems.record(problem("network-recur", List.of(cluster.ci())), PAM);
    cluster.incidents().forEach(number -> problems.linkIncident(raised.id(), number, PAM));
    assertThat(recurring.find(GroupBy.CI, 3, Duration.ofHours(24)))
        .extracting(c -> c.ci().ciId())
        .doesNotContain(vpn);
    assertThat(recurring.find(GroupBy.CATEGORY, 3, Duration.ofHours(24)))
        .extracting(Cluster::category)
        .doesNotContain("network-recur");
  }

  @Test
  void incidentsOutsideTheWindowDoNotRecur() {
    final UUID db = ci("db-recur-old");
    for (int i = 0; i < 3; i++) {
      final Incident old = incident("db-recur-old", db);
      jdbc.sql("UPDATE domain.incident SET created_at = now() - interval '3 days' WHERE id = :id")
          .param("id", old.id())
          .update();
    }
    assertThat(recurring.find(GroupBy.CI, 3, Duration.ofHours(24)))
        .extracting(c -> c.ci().ciId())
        .doesNotContain(db);
    assertThat(recurring.find(GroupBy.CI, 3, Duration.ofDays(4)))
        .extracting(c -> c.ci().ciId())
        .contains(db);
    assertThatThrownBy(() -> recurring.find(GroupBy.CI, 1, Duration.ofDays(1)))
        .hasMessageContaining("minimumIncidents");
  }

  @Test
  void journalKeepsWorkNotesApartFromComments() {
    final Problem raised = problems.record(problem(null, List.of()), PAM);
    problems.addJournalEntry(raised.id(), JournalKind.WORK_NOTE, "Suspect the pool.", PAM);
    problems.addJournalEntry(raised.id(), JournalKind.COMMENT, "We are on it.", PAM);
    assertThat(problems.journal(raised.id(), false))
        .extracting(e -> e.text())
        .containsExactly("We are on it.");
    assertThat(problems.journal(raised.id(), true)).hasSize(2);
  }
}
