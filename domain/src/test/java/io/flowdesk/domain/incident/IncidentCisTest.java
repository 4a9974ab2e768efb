package io.flowdesk.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.CloseCode;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/** Incident ↔ CI links and the "possibly caused by CHG…" correlation with changes. */
class IncidentCisTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static IncidentRecords incidents;
  static ChangeRecords changes;
  static Cmdb cmdb;
  static final Actor ANNA = Actor.person("agent.anna");

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
    incidents = context.getBean(IncidentRecords.class);
    changes = context.getBean(ChangeRecords.class);
    cmdb = context.getBean(Cmdb.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static ConfigurationItem server(final String name) {
    return cmdb.create(
        new CiDraft(
            "server",
            name + "-" + UUID.randomUUID().toString().substring(0, 8),
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            null,
            null,
            Map.of()),
        ANNA);
  }

  static Incident reported() {
    return incidents.report(
        new NewIncident("carol", "Mail is down", null, "software", null, Level.HIGH, Level.HIGH),
        ChangeSource.person("carol"));
  }

  static Change change(final ConfigurationItem ci, final Instant start, final Instant end) {
    return changes.raise(
        new NewChange(
            ChangeType.NORMAL,
            null,
            "Patch " + ci.name(),
            null,
            "agent.anna",
            "applications",
            null,
            List.of(new AffectedCi(ci.id(), ci.name())),
            start,
            end,
            null,
            null,
            null,
            null,
            List.of()),
        ANNA);
  }

  static Change moved(final Change change, final ChangeState... states) {
    for (final ChangeState state : states) {
      changes.moveTo(change.id(), state, null, null, ANNA);
    }
    return changes.find(change.id()).orElseThrow();
  }

  static Change scheduled(final ConfigurationItem ci, final Instant start, final Instant end) {
    return moved(
        change(ci, start, end), ChangeState.ASSESS, ChangeState.AUTHORIZE, ChangeState.SCHEDULED);
  }

  @Test
  void linksAreSetByCmdbIdAuditedAndTheOpenOnesListedOnTheCi() {
    final ConfigurationItem db = server("db");
    final ConfigurationItem web = server("web");
    final Incident incident = reported();

    incidents.cis().set(incident.id(), List.of(db.id(), web.id()), ANNA);
    incidents.cis().set(incident.id(), List.of(web.id()), ANNA);

    assertThat(incidents.cis().of(incident.id()))
        .extracting(LinkedCi::id)
        .containsExactly(web.id());
    assertThat(incidents.auditTrail(incident.id()))
        .filteredOn(e -> e.field().equals("ci"))
        .extracting(AuditEntry::actor, AuditEntry::oldValue, AuditEntry::newValue)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("agent.anna", null, db.name() + " (server)"),
            org.assertj.core.groups.Tuple.tuple("agent.anna", null, web.name() + " (server)"),
            org.assertj.core.groups.Tuple.tuple("agent.anna", db.name() + " (server)", null));
    assertThat(incidents.cis().openOn(web.id(), 50))
        .extracting(Incident::id)
        .contains(incident.id());
    assertThat(incidents.cis().openOn(db.id(), 50)).isEmpty();

    incidents.change(incident.id(), IncidentChange.of().state(IncidentState.CANCELED), ANNA_SOURCE);
    assertThat(incidents.cis().openOn(web.id(), 50)).isEmpty();
  }

  static final ChangeSource ANNA_SOURCE = ChangeSource.person("agent.anna");

  @Test
  void anUnknownCiIsRefusedAndNothingChanges() {
    final ConfigurationItem db = server("db");
    final Incident incident = reported();
    final UUID unknown = UUID.randomUUID();

    assertThatThrownBy(() -> incidents.cis().set(incident.id(), List.of(db.id(), unknown), ANNA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unknown.toString());

    assertThat(incidents.cis().of(incident.id())).isEmpty();
    assertThat(incidents.auditTrail(incident.id())).noneMatch(e -> e.field().equals("ci"));
  }

  @Test
  void anIncidentOnAnAffectedCiDuringTheChangesWindowIsFlaggedOnBothRecords() {
    final ConfigurationItem db = server("db");
    final Instant now = Instant.now();
    final Change running = scheduled(db, now.minus(Duration.ofHours(1)), now.plusSeconds(3600));
    final Change later = scheduled(db, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
    final Change unauthorized = change(db, now.minusSeconds(3600), now.plusSeconds(3600));
    final Incident incident = reported();

    final List<PossibleCause> flagged = incidents.cis().link(incident.id(), db.id(), ANNA);

    assertThat(flagged).extracting(PossibleCause::changeNumber).containsExactly(running.number());
    assertThat(incidents.cis().possibleCauses(incident.id()))
        .extracting(PossibleCause::changeNumber, PossibleCause::ciName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(running.number(), db.name()));
    assertThat(incidents.cis().possiblyCausedBy(running.id()))
        .extracting(PossibleCause::incidentNumber)
        .containsExactly(incident.number());
    assertThat(incidents.cis().possiblyCausedBy(later.id())).isEmpty();
    assertThat(incidents.cis().possiblyCausedBy(unauthorized.id())).isEmpty();
    assertThat(incidents.auditTrail(incident.id()))
        .anyMatch(
            e ->
                e.field().equals("possiblyCausedBy")
                    && e.newValue().equals(running.number() + " (" + db.name() + ")"));
    assertThat(changes.auditTrail(running.id()))
        .anyMatch(
            e ->
                e.field().equals("possiblyCausedIncident")
                    && e.newValue().startsWith(incident.number()));

    // Stored once: linking again, or another CI, flags nothing twice.
    assertThat(incidents.cis().set(incident.id(), List.of(db.id()), ANNA)).isEmpty();
    assertThat(incidents.cis().possibleCauses(incident.id())).hasSize(1);
  }

  @Test
  void aChangeStillBeingImplementedAfterItsWindowIsASuspectToo() {
    final ConfigurationItem db = server("db");
    final Instant now = Instant.now();
    final Change overrunning =
        scheduled(db, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)));
    moved(overrunning, ChangeState.IMPLEMENT);
    final Change done =
        scheduled(db, now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(4)));
    changes.moveTo(done.id(), ChangeState.IMPLEMENT, null, null, ANNA);
    changes.moveTo(done.id(), ChangeState.REVIEW, CloseCode.SUCCESSFUL, null, ANNA);
    final Incident incident = reported();

    incidents.cis().link(incident.id(), db.id(), ANNA);

    assertThat(incidents.cis().possibleCauses(incident.id()))
        .extracting(PossibleCause::changeNumber)
        .containsExactly(overrunning.number());
  }
}
