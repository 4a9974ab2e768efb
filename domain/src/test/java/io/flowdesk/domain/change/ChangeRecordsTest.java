package io.flowdesk.domain.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

/** Change records as a Spring Boot application gets them: JPA on the domain's own schema. */
class ChangeRecordsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static ChangeRecords changes;
  static final Actor ANNA = Actor.person("agent.anna");
  static final Instant START = Instant.parse("2026-12-10T20:00:00Z");
  static final AffectedCi WEB_01 =
      new AffectedCi(UUID.fromString("5b3c1c0e-8f0a-4f7e-9d57-1f6e2f4b0a11"), "web-01");

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
    changes = context.getBean(ChangeRecords.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static NewChange change(final ChangeType type, final Instant start, final Instant end) {
    return new NewChange(
        type,
        null,
        "Upgrade the database server's memory",
        "From 64 to 128 GB.",
        "agent.anna",
        "applications",
        "agent.nils",
        List.of(WEB_01),
        start,
        end,
        "Stop, add memory, start.",
        "Remove the new modules.",
        "The database answers.",
        ChangeImpact.MEDIUM,
        List.of("INC0000042"));
  }

  static Change raised(final ChangeType type) {
    return changes.raise(change(type, START, START.plus(Duration.ofHours(2))), ANNA);
  }

  @Test
  void aRaisedChangeHasTheNextNumberItsCisIncidentsAndWindowAndAnAuditTrail() {
    final Change first = raised(ChangeType.NORMAL);
    final Change second = raised(ChangeType.EMERGENCY);

    assertThat(first.number()).matches("CHG\\d{7}");
    assertThat(Long.parseLong(second.number().substring(3)))
        .isEqualTo(Long.parseLong(first.number().substring(3)) + 1);
    final Change read = changes.findByNumber(first.number()).orElseThrow();
    assertThat(read.state()).isEqualTo(ChangeState.NEW);
    assertThat(read.type()).isEqualTo(ChangeType.NORMAL);
    assertThat(read.affectedCis()).containsExactly(WEB_01);
    assertThat(read.incidents()).containsExactly("INC0000042");
    assertThat(read.plannedStart()).isEqualTo(START);
    assertThat(read.plannedEnd()).isEqualTo(START.plus(2, ChronoUnit.HOURS));
    assertThat(read.impact()).isEqualTo(ChangeImpact.MEDIUM);
    assertThat(read.risk()).isNull();
    assertThat(changes.auditTrail(read.id()))
        .extracting(AuditEntry::field)
        .containsExactly(
            "number",
            "type",
            "state",
            "requestedBy",
            "assignmentGroup",
            "plannedStart",
            "plannedEnd",
            "implementer",
            "affectedCi",
            "incident");
  }

  @Test
  void aWindowThatDoesNotEndAfterItStartsIsRefusedByNameAndNothingIsWritten() {
    final long before = changes.all(Set.of(), Pageable.unpaged()).getTotalElements();

    assertThatThrownBy(
            () -> changes.raise(change(ChangeType.NORMAL, START, START.minusSeconds(60)), ANNA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "plannedEnd 2026-12-10T19:59:00Z must be after plannedStart 2026-12-10T20:00:00Z");
    assertThatThrownBy(() -> changes.raise(change(ChangeType.NORMAL, START, START), ANNA))
        .hasMessageContaining("must be after plannedStart");
    assertThatThrownBy(() -> changes.raise(change(ChangeType.NORMAL, null, START), ANNA))
        .hasMessage("plannedStart is required");
    assertThat(changes.all(Set.of(), Pageable.unpaged()).getTotalElements()).isEqualTo(before);
  }

  @Test
  void badCisAndIncidentsAreRefusedByName() {
    assertThatThrownBy(() -> AffectedCi.of("web-01", "web-01"))
        .hasMessage("affected CI id 'web-01' is not a UUID");
    final NewChange twice = change(ChangeType.NORMAL, START, START.plusSeconds(60));
    assertThatThrownBy(
            () ->
                changes.raise(
                    new NewChange(
                        twice.type(),
                        null,
                        twice.shortDescription(),
                        null,
                        "agent.anna",
                        "applications",
                        null,
                        List.of(WEB_01, WEB_01),
                        START,
                        START.plusSeconds(60),
                        null,
                        null,
                        null,
                        null,
                        List.of("REQ0000001")),
                    ANNA))
        .hasMessage("affected CI " + WEB_01.ciId() + " is named twice");
  }

  @Test
  void aStandardChangeComesFromAnActiveTemplateWithItsPlansAndLowRisk() {
    assertThat(changes.templates())
        .extracting(ChangeTemplate::name)
        .startsWith("Restart an application server");
    final ChangeTemplate restart = changes.template("restart-app-server").orElseThrow();

    final Change standard =
        changes.raise(
            new NewChange(
                ChangeType.STANDARD,
                "restart-app-server",
                null,
                null,
                "agent.anna",
                null,
                null,
                List.of(WEB_01),
                START,
                START.plusSeconds(1800),
                null,
                null,
                null,
                null,
                null),
            ANNA);

    assertThat(standard.shortDescription()).isEqualTo("Restart an application server");
    assertThat(standard.implementationPlan()).isEqualTo(restart.implementationPlan());
    assertThat(standard.backoutPlan()).isEqualTo(restart.backoutPlan());
    assertThat(standard.testPlan()).isEqualTo(restart.testPlan());
    assertThat(standard.assignmentGroup()).isEqualTo("applications");
    assertThat(standard.risk()).isEqualTo(ChangeRisk.LOW);
    assertThat(standard.templateId()).isEqualTo("restart-app-server");
    final NewChange without = change(ChangeType.STANDARD, START, START.plusSeconds(60));
    assertThatThrownBy(() -> changes.raise(without, ANNA))
        .hasMessage("template is required for a standard change");
    assertThatThrownBy(
            () ->
                changes.raise(
                    new NewChange(
                        ChangeType.NORMAL,
                        "restart-app-server",
                        "x",
                        null,
                        "agent.anna",
                        "applications",
                        null,
                        null,
                        START,
                        START.plusSeconds(60),
                        null,
                        null,
                        null,
                        null,
                        null),
                    ANNA))
        .hasMessage("template is only for standard changes, this one is Normal");
  }

  @Test
  void eachTypeFollowsItsLifeCycleAndAJobMovesItOnce() {
    final Change normal = raised(ChangeType.NORMAL);
    assertThatThrownBy(() -> move(normal, ChangeState.SCHEDULED, null, 1))
        .isInstanceOf(TransitionRefusedException.class)
        .hasMessage("change " + normal.number() + " cannot go from NEW to SCHEDULED");
    assertThat(move(normal, ChangeState.ASSESS, null, 2).changed()).isTrue();
    assertThat(move(normal, ChangeState.AUTHORIZE, null, 3).changed()).isTrue();
    // The same job again: applied once.
    assertThat(move(normal, ChangeState.AUTHORIZE, null, 3).changed()).isFalse();
    move(normal, ChangeState.SCHEDULED, null, 4);
    move(normal, ChangeState.IMPLEMENT, null, 5);
    assertThatThrownBy(() -> move(normal, ChangeState.CLOSED, CloseCode.SUCCESSFUL, 6))
        .isInstanceOf(TransitionRefusedException.class);
    move(normal, ChangeState.REVIEW, CloseCode.BACKED_OUT, 7);
    final Change closed = move(normal, ChangeState.CLOSED, null, 8).change();
    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(closed.closeCode()).isEqualTo(CloseCode.BACKED_OUT);
    assertThat(
            changes.auditTrail(normal.id()).stream()
                .filter(e -> e.oldValue() != null && e.field().equals("state")))
        .extracting(AuditEntry::newValue)
        .containsExactly("ASSESS", "AUTHORIZE", "SCHEDULED", "IMPLEMENT", "REVIEW", "CLOSED");

    final Change emergency = raised(ChangeType.EMERGENCY);
    move(emergency, ChangeState.AUTHORIZE, null, 11);
    move(emergency, ChangeState.IMPLEMENT, null, 12);
    assertThatThrownBy(() -> move(emergency, ChangeState.CLOSED, CloseCode.SUCCESSFUL, 13))
        .isInstanceOf(TransitionRefusedException.class);

    final Change standard = raised(ChangeType.NORMAL);
    move(standard, ChangeState.CANCELED, null, 21);
    assertThatThrownBy(() -> move(standard, ChangeState.ASSESS, null, 22))
        .isInstanceOf(TransitionRefusedException.class);
  }

  @Test
  void closingNeedsACloseCodeWhichComesOnlyFromImplementationOn() {
    final Change emergency = raised(ChangeType.EMERGENCY);
    assertThatThrownBy(() -> move(emergency, ChangeState.AUTHORIZE, CloseCode.SUCCESSFUL, 31))
        .hasMessage(
            "closeCode is only recorded from implementation on; change "
                + emergency.number()
                + " goes to AUTHORIZE");
    move(emergency, ChangeState.AUTHORIZE, null, 32);
    move(emergency, ChangeState.IMPLEMENT, null, 33);
    move(emergency, ChangeState.REVIEW, null, 34);
    assertThatThrownBy(() -> move(emergency, ChangeState.CLOSED, null, 35))
        .hasMessage("closeCode is required to close change " + emergency.number());
    assertThat(changes.find(emergency.id()).orElseThrow().state()).isEqualTo(ChangeState.REVIEW);
    assertThat(move(emergency, ChangeState.CLOSED, CloseCode.SUCCESSFUL, 36).change().closeCode())
        .isEqualTo(CloseCode.SUCCESSFUL);
  }

  @Test
  void theCabsQuorumAndVotesAreRecordedOnTheChangeAndReplacedByARetry() {
    final Change normal = raised(ChangeType.NORMAL);
    final Instant at = Instant.parse("2026-12-08T09:15:00Z");
    final List<AuthorizationVote> votes =
        List.of(
            new AuthorizationVote("cab.carl", VoteDecision.APPROVED, null, at, null),
            new AuthorizationVote("cab.cora", VoteDecision.ABSTAINED, "I built it", at, null),
            new AuthorizationVote("cab.chris", VoteDecision.APPROVED, "Fine", at, "cab.dan"));
    assertThat(changes.authorizationOf(normal.id())).isEmpty();

    changes.authorize(
        normal.id(), Authorization.APPROVED, "CAB", 2, votes, "CAB: approved.", Actor.job(61));
    changes.authorize(
        normal.id(), Authorization.APPROVED, "CAB", 2, votes, "CAB: approved.", Actor.job(61));

    final AuthorizationRecord recorded = changes.authorizationOf(normal.id()).orElseThrow();
    assertThat(recorded.authority()).isEqualTo("CAB");
    assertThat(recorded.outcome()).isEqualTo(Authorization.APPROVED);
    assertThat(recorded.quorum()).isEqualTo(2);
    assertThat(recorded.votes()).containsExactlyElementsOf(votes);
    assertThat(recorded.count(VoteDecision.ABSTAINED)).isEqualTo(1);
    assertThat(changes.find(normal.id()).orElseThrow().authorization())
        .isEqualTo(Authorization.APPROVED);
    assertThatThrownBy(
            () ->
                changes.authorize(
                    normal.id(), Authorization.REJECTED, " ", 2, votes, null, Actor.job(62)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authority");
    assertThat(changes.authorizationOf(normal.id()).orElseThrow().outcome())
        .isEqualTo(Authorization.APPROVED);
  }

  @Test
  void riskAuthorizationAndIncidentsAreRecordedAndAudited() {
    final Change normal = raised(ChangeType.NORMAL);

    changes.assessRisk(normal.id(), ChangeRisk.HIGH, Actor.job(51));
    changes.authorize(
        normal.id(), Authorization.APPROVED, "CAB approved: carl, dora.", Actor.job(52));
    changes.authorize(
        normal.id(), Authorization.APPROVED, "CAB approved: carl, dora.", Actor.job(52));
    changes.linkIncident(normal.id(), "INC0000043", ANNA);

    final Change read = changes.find(normal.id()).orElseThrow();
    assertThat(read.risk()).isEqualTo(ChangeRisk.HIGH);
    assertThat(read.authorization()).isEqualTo(Authorization.APPROVED);
    assertThat(read.incidents()).containsExactly("INC0000042", "INC0000043");
    assertThat(changes.journal(normal.id(), false))
        .extracting(JournalEntry::text)
        .containsExactly("CAB approved: carl, dora.");
    assertThat(changes.auditTrail(normal.id()))
        .extracting(AuditEntry::field)
        .endsWith("risk", "authorization", "comment", "incident");
    assertThatThrownBy(() -> changes.linkIncident(normal.id(), "CHG0000001", ANNA))
        .hasMessage("incident 'CHG0000001' is not an incident number (INC and 7 digits)");
  }

  private static ChangeRecords.Moved move(
      final Change change, final ChangeState state, final CloseCode code, final long jobKey) {
    return changes.moveTo(change.id(), state, code, null, Actor.job(jobKey));
  }
}
