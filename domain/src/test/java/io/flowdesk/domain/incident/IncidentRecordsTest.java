package io.flowdesk.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.flowdesk.domain.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class IncidentRecordsTest {

  static DataSource dataSource;
  static IncidentRecords records;
  static final AtomicLong JOB_KEYS = new AtomicLong(5000);
  static final ChangeSource ALICE = ChangeSource.person("alice");

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migrated();
    records = new IncidentRecords(dataSource);
  }

  static Incident reported() {
    return records.report(
        new NewIncident(
            "carol", "VPN drops every hour", null, "network", null, Level.HIGH, Level.MEDIUM),
        ChangeSource.person("carol"));
  }

  @Test
  void aReportedIncidentIsNewWithTheNextNumberAndAnAuditEntryPerGivenField() {
    final Incident first = reported();
    final Incident second = reported();

    assertThat(first.number()).matches("INC\\d{7}");
    assertThat(Long.parseLong(second.number().substring(3)))
        .isEqualTo(Long.parseLong(first.number().substring(3)) + 1);
    assertThat(first.state()).isEqualTo(IncidentState.NEW);
    assertThat(first.caller()).isEqualTo("carol");
    assertThat(first.priority()).isNull();
    assertThat(first.version()).isZero();
    assertThat(records.findByNumber(first.number())).contains(first);
    assertThat(records.auditTrail(first.id()))
        .extracting(
            AuditEntry::actor, AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactly(
            tuple("carol", "number", null, first.number()),
            tuple("carol", "state", null, "NEW"),
            tuple("carol", "caller", null, "carol"),
            tuple("carol", "shortDescription", null, "VPN drops every hour"),
            tuple("carol", "category", null, "network"),
            tuple("carol", "impact", null, "HIGH"),
            tuple("carol", "urgency", null, "MEDIUM"));
  }

  @Test
  void findAllAnswersTheIncidentsWithTheGivenIdsByIdAndLeavesOutUnknownIds() {
    final Incident first = reported();
    final Incident second = reported();

    assertThat(records.findAll(List.of(first.id(), second.id(), first.id(), -1L)))
        .containsOnly(
            org.assertj.core.api.Assertions.entry(first.id(), first),
            org.assertj.core.api.Assertions.entry(second.id(), second));
    assertThat(records.findAll(List.of())).isEmpty();
  }

  @Test
  void textIsStoredAsGivenIncludingMarkup() {
    final Incident incident =
        records.report(
            new NewIncident(
                "carol",
                "<script>alert(1)</script>",
                "a & b < c",
                null,
                null,
                Level.LOW,
                Level.LOW),
            ALICE);

    assertThat(incident.shortDescription()).isEqualTo("<script>alert(1)</script>");
    assertThat(incident.description()).isEqualTo("a & b < c");
  }

  @Test
  void aReportWithoutRequiredFieldsOrWithTooLongTextIsRefusedNamingTheFieldAndWritesNothing() {
    final long before = records.search(IncidentQuery.all(), null).getTotalElements();

    assertThatThrownBy(
            () ->
                records.report(
                    new NewIncident("carol", " ", null, null, null, Level.LOW, Level.LOW), ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shortDescription");
    assertThatThrownBy(
            () ->
                records.report(
                    new NewIncident(null, "x", null, null, null, Level.LOW, Level.LOW), ALICE))
        .hasMessageContaining("caller");
    assertThatThrownBy(
            () ->
                records.report(new NewIncident("carol", "x", null, null, null, null, null), ALICE))
        .hasMessageContaining("impact");
    assertThatThrownBy(
            () ->
                records.report(
                    new NewIncident(
                        "carol", "x", "d".repeat(10_001), null, null, Level.LOW, Level.LOW),
                    ALICE))
        .hasMessageContaining("description");
    assertThatThrownBy(
            () ->
                records.report(
                    new NewIncident("carol", "x", null, "c".repeat(65), null, Level.LOW, Level.LOW),
                    ALICE))
        .hasMessageContaining("category");
    assertThatThrownBy(
            () ->
                records.report(
                    new NewIncident(
                        "carol", "x", null, null, "i".repeat(201), Level.LOW, Level.LOW),
                    ALICE))
        .hasMessageContaining("configurationItem");
    assertThat(records.search(IncidentQuery.all(), null).getTotalElements()).isEqualTo(before);
  }

  @Test
  void aChangeAuditsOnlyTheFieldsWhoseValueDiffersAndBumpsTheVersion() {
    final Incident incident = reported();
    final int auditBefore = records.auditTrail(incident.id()).size();
    final Instant due = Instant.parse("2030-01-02T03:04:05.123456Z");

    final Incident changed =
        records.change(
            incident.id(),
            IncidentChange.of()
                .category("network")
                .impact(Level.HIGH)
                .priority(Priority.P2)
                .assignmentGroup("network-team")
                .resolutionDue(due),
            ChangeSource.job(JOB_KEYS.incrementAndGet()));

    assertThat(changed.priority()).isEqualTo(Priority.P2);
    assertThat(changed.assignmentGroup()).isEqualTo("network-team");
    assertThat(changed.resolutionDue()).isEqualTo(due);
    assertThat(changed.version()).isEqualTo(incident.version() + 1);
    assertThat(changed.updatedAt()).isAfterOrEqualTo(incident.updatedAt());
    final List<AuditEntry> trail = records.auditTrail(incident.id());
    assertThat(trail.subList(auditBefore, trail.size()))
        .extracting(
            AuditEntry::actor, AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactly(
            tuple("process", "priority", null, "P2"),
            tuple("process", "assignmentGroup", null, "network-team"),
            tuple("process", "resolutionDue", null, "2030-01-02T03:04:05.123456Z"));
    assertThat(trail.get(trail.size() - 1).jobKey()).isEqualTo(JOB_KEYS.get());
  }

  @Test
  void aChangeThatDiffersInNothingKeepsTheVersionAndWritesNoAudit() {
    final Incident incident = reported();
    final int auditBefore = records.auditTrail(incident.id()).size();

    final Incident same =
        records.change(
            incident.id(), IncidentChange.of().state(IncidentState.NEW).category("network"), ALICE);

    assertThat(same).isEqualTo(incident);
    assertThat(records.auditTrail(incident.id())).hasSize(auditBefore);
  }

  @Test
  void settingAFieldToNullIsAuditedAsANewEmptyValue() {
    final Incident incident = reported();
    records.change(incident.id(), IncidentChange.of().assignee("bob"), ALICE);

    final Incident unassigned =
        records.change(incident.id(), IncidentChange.of().assignee(null), ALICE);

    assertThat(unassigned.assignee()).isNull();
    final List<AuditEntry> trail = records.auditTrail(incident.id());
    assertThat(trail.get(trail.size() - 1))
        .extracting(AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactly("assignee", "bob", null);
  }

  @Test
  void aJobKeyAppliedTwiceChangesTheIncidentOnce() {
    final Incident incident = reported();
    final ChangeSource job = ChangeSource.job(JOB_KEYS.incrementAndGet());
    final IncidentChange change =
        IncidentChange.of().priority(Priority.P1).state(IncidentState.IN_PROGRESS);

    final Incident first = records.change(incident.id(), change, job);
    final int auditAfterFirst = records.auditTrail(incident.id()).size();
    records.change(incident.id(), IncidentChange.of().priority(Priority.P3), ALICE);
    final Incident retried = records.change(incident.id(), change, job);

    assertThat(first.version()).isEqualTo(1);
    assertThat(retried.priority()).isEqualTo(Priority.P3);
    assertThat(retried.version()).isEqualTo(2);
    assertThat(records.auditTrail(incident.id()))
        .hasSize(auditAfterFirst + 1)
        .filteredOn(entry -> job.jobKey().equals(entry.jobKey()))
        .extracting(AuditEntry::field)
        .containsExactly("priority", "state");
  }

  @Test
  void aJobKeyIsIdempotentPerIncidentNotAcrossIncidents() {
    final Incident one = reported();
    final Incident two = reported();
    final ChangeSource job = ChangeSource.job(JOB_KEYS.incrementAndGet());

    records.change(one.id(), IncidentChange.of().priority(Priority.P4), job);
    final Incident changedToo =
        records.change(two.id(), IncidentChange.of().priority(Priority.P4), job);

    assertThat(changedToo.priority()).isEqualTo(Priority.P4);
  }

  @Test
  void theLifeCycleAllowsItsTransitionsAndRefusesOthersNamingNumberAndStates() {
    final Incident incident = reported();
    final long id = incident.id();
    records.change(id, IncidentChange.of().state(IncidentState.IN_PROGRESS), ALICE);
    records.change(id, IncidentChange.of().state(IncidentState.ON_HOLD), ALICE);
    records.change(id, IncidentChange.of().state(IncidentState.IN_PROGRESS), ALICE);
    records.change(id, IncidentChange.of().state(IncidentState.RESOLVED), ALICE);
    records.change(id, IncidentChange.of().state(IncidentState.IN_PROGRESS), ALICE);
    records.change(id, IncidentChange.of().state(IncidentState.RESOLVED), ALICE);
    final Incident closed =
        records.change(id, IncidentChange.of().state(IncidentState.CLOSED), ALICE);
    assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);

    assertThatThrownBy(
            () ->
                records.change(
                    id,
                    IncidentChange.of().state(IncidentState.IN_PROGRESS).assignee("bob"),
                    ALICE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(incident.number())
        .hasMessageContaining("CLOSED")
        .hasMessageContaining("IN_PROGRESS");
    assertThat(records.find(id).orElseThrow())
        .extracting(Incident::state, Incident::assignee, Incident::version)
        .containsExactly(IncidentState.CLOSED, null, closed.version());
  }

  @Test
  void aNewIncidentCannotBeClosedWithoutBeingResolved() {
    final Incident incident = reported();

    assertThatThrownBy(
            () ->
                records.change(
                    incident.id(), IncidentChange.of().state(IncidentState.CLOSED), ALICE))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aCanceledIncidentIsFinal() {
    final Incident incident = reported();
    records.change(incident.id(), IncidentChange.of().state(IncidentState.CANCELED), ALICE);

    assertThatThrownBy(
            () ->
                records.change(
                    incident.id(), IncidentChange.of().state(IncidentState.RESOLVED), ALICE))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(
            records
                .change(incident.id(), IncidentChange.of().state(IncidentState.CANCELED), ALICE)
                .state())
        .isEqualTo(IncidentState.CANCELED);
  }

  @Test
  void aRefusedTransitionDoesNotUseUpTheJobKey() {
    final Incident incident = reported();
    final ChangeSource job = ChangeSource.job(JOB_KEYS.incrementAndGet());
    assertThatThrownBy(
            () ->
                records.change(incident.id(), IncidentChange.of().state(IncidentState.CLOSED), job))
        .isInstanceOf(IllegalTransitionException.class);

    final Incident resolved =
        records.change(incident.id(), IncidentChange.of().state(IncidentState.RESOLVED), job);

    assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
  }

  @Test
  void aChangeWithInvalidValuesIsRefusedNamingTheField() {
    final Incident incident = reported();

    assertThatThrownBy(
            () ->
                records.change(
                    incident.id(), IncidentChange.of().resolutionNotes("n".repeat(10_001)), ALICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolutionNotes");
    assertThatThrownBy(
            () -> records.change(incident.id(), IncidentChange.of().shortDescription(""), ALICE))
        .hasMessageContaining("shortDescription");
    assertThatThrownBy(() -> records.change(incident.id(), IncidentChange.of().state(null), ALICE))
        .hasMessageContaining("state");
    assertThat(records.find(incident.id())).contains(incident);
  }

  @Test
  void changingAnUnknownIncidentIsNotFound() {
    assertThatThrownBy(() -> records.change(-1, IncidentChange.of().assignee("bob"), ALICE))
        .isInstanceOf(IncidentNotFoundException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void concurrentChangesApplyOneAfterTheOtherWithoutLosingAnUpdate() throws Exception {
    final Incident incident = reported();
    final int perThread = 15;
    final CountDownLatch start = new CountDownLatch(1);
    final ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      final List<Future<?>> done = new ArrayList<>();
      for (final String agent : List.of("ann", "ben")) {
        final Callable<Void> work =
            () -> {
              start.await();
              for (int i = 0; i < perThread; i++) {
                records.change(
                    incident.id(),
                    IncidentChange.of().assignee(agent + i).onHoldReason(agent + i),
                    ChangeSource.person(agent));
              }
              return null;
            };
        done.add(threads.submit(work));
      }
      start.countDown();
      for (final Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    final Incident after = records.find(incident.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(2L * perThread);
    final List<AuditEntry> assignments =
        records.auditTrail(incident.id()).stream()
            .filter(entry -> entry.field().equals("assignee"))
            .toList();
    assertThat(assignments).hasSize(2 * perThread);
    // Every change replaced what the previous one wrote: an unbroken chain of old -> new.
    for (int i = 1; i < assignments.size(); i++) {
      assertThat(assignments.get(i).oldValue()).isEqualTo(assignments.get(i - 1).newValue());
    }
    assertThat(after.assignee()).isEqualTo(assignments.get(assignments.size() - 1).newValue());
  }

  @Test
  void theAuditTrailRefusesUpdateDeleteAndTruncateInTheDatabase() {
    final Incident incident = reported();
    final JdbcClient jdbc = JdbcClient.create(dataSource);

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE domain.incident_audit SET new_value = 'x' WHERE incident_id = ?")
                    .param(incident.id())
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM domain.incident_audit WHERE incident_id = ?")
                    .param(incident.id())
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE domain.incident_audit CASCADE").update())
        .hasMessageContaining("append-only");
    assertThat(records.auditTrail(incident.id())).hasSize(7);
  }
}
