package io.flowdesk.domain.change.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeImpact;
import io.flowdesk.domain.change.ChangeNotEditableException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.CloseCode;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Conflict detection per rule, blackout windows and the override before a normal change's approval,
 * on the domain as a Spring Boot application gets it. Each test plans its changes in a week of its
 * own, so the tests' changes and global blackouts never meet.
 */
class ChangeConflictsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static ChangeRecords changes;
  static ChangeConflicts conflicts;
  static ChangeRescheduling rescheduling;
  static BlackoutWindows blackouts;
  static Cmdb cmdb;
  static final Actor ANNA = Actor.person("agent.anna");
  static final Actor MIRA = Actor.person("change.mira");
  static final AtomicInteger WEEKS = new AtomicInteger();
  static final AtomicInteger NAMES = new AtomicInteger();

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
                "--flowdesk.engine.enabled=false",
                "--flowdesk.secrets.key=" + "A".repeat(43) + "=");
    changes = context.getBean(ChangeRecords.class);
    conflicts = context.getBean(ChangeConflicts.class);
    rescheduling = context.getBean(ChangeRescheduling.class);
    blackouts = context.getBean(BlackoutWindows.class);
    cmdb = context.getBean(Cmdb.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  /** Monday 00:00 UTC of a week no other test uses. */
  static Instant week() {
    return Instant.parse("2031-01-06T00:00:00Z")
        .plus(Duration.ofDays(7L * WEEKS.incrementAndGet()));
  }

  static Instant at(final Instant week, final int hours) {
    return week.plus(Duration.ofHours(hours));
  }

  static ConfigurationItem ci(final String className, final String maintenanceWindow) {
    return cmdb.create(
        new CiDraft(
            className,
            className + "-" + NAMES.incrementAndGet(),
            "agent.nils",
            "network-team",
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            className.equals("business_service") || className.equals("application")
                ? Criticality.HIGH
                : null,
            maintenanceWindow,
            Map.of()),
        ANNA);
  }

  static ConfigurationItem ci(final String className) {
    return ci(className, null);
  }

  static Change change(
      final Instant start,
      final Instant end,
      final String implementer,
      final ConfigurationItem... cis) {
    return changes.raise(
        new NewChange(
            ChangeType.NORMAL,
            null,
            "Patch",
            null,
            "agent.anna",
            "applications",
            implementer,
            Arrays.stream(cis).map(c -> new AffectedCi(c.id(), c.name())).toList(),
            start,
            end,
            null,
            null,
            null,
            ChangeImpact.LOW,
            List.of()),
        ANNA);
  }

  static Change change(final Instant start, final Instant end, final ConfigurationItem... cis) {
    return change(start, end, null, cis);
  }

  static List<ChangeConflict> detect(final Change change) {
    return conflicts.detect(change.id(), ANNA);
  }

  @Test
  void anotherActiveChangeOnTheSameCiInAnOverlappingWindowConflicts() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    final Change first = change(at(week, 10), at(week, 12), web);
    final Change second = change(at(week, 11), at(week, 13), web);

    assertThat(detect(second))
        .extracting(ChangeConflict::rule, ChangeConflict::ciId, ChangeConflict::otherChange)
        .containsExactly(tuple(ConflictRule.SAME_CI, web.id(), first.number()));
    assertThat(conflicts.of(second.id()).get(0).detail())
        .contains(first.number())
        .contains(web.name());
    // Stored for the checked change; the first one is checked on its own account.
    assertThat(detect(first))
        .extracting(ChangeConflict::otherChange)
        .containsExactly(second.number());
  }

  @Test
  void windowsThatOnlyTouchOrDoNotOverlapDoNotConflict() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    change(at(week, 10), at(week, 12), web);
    final Change after = change(at(week, 12), at(week, 14), web);
    final Change later = change(at(week, 30), at(week, 31), web);

    assertThat(detect(after)).isEmpty();
    assertThat(detect(later)).isEmpty();
  }

  @Test
  void closedAndCanceledChangesAreIgnored() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    final Change canceled = change(at(week, 10), at(week, 12), web);
    changes.moveTo(canceled.id(), ChangeState.CANCELED, null, null, ANNA);
    final Change closed =
        changes.raise(
            new NewChange(
                ChangeType.STANDARD,
                "restart-app-server",
                null,
                null,
                "agent.anna",
                null,
                null,
                List.of(new AffectedCi(web.id(), web.name())),
                at(week, 10),
                at(week, 12),
                null,
                null,
                null,
                null,
                List.of()),
            ANNA);
    changes.moveTo(closed.id(), ChangeState.SCHEDULED, null, null, ANNA);
    changes.moveTo(closed.id(), ChangeState.IMPLEMENT, null, null, ANNA);
    changes.moveTo(closed.id(), ChangeState.CLOSED, CloseCode.SUCCESSFUL, null, ANNA);
    final Change mine = change(at(week, 11), at(week, 13), web);

    assertThat(detect(mine)).isEmpty();
  }

  @Test
  void anActiveChangeOnAParentOrAChildCiConflictsOneRelationshipAway() {
    final Instant week = week();
    final ConfigurationItem app = ci("application");
    final ConfigurationItem server = ci("server");
    final ConfigurationItem rack = ci("network_device");
    cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), ANNA);
    cmdb.relate(server.id(), RelationshipType.CONNECTS_TO, rack.id(), ANNA);
    final Change onApp = change(at(week, 10), at(week, 12), app);
    final Change onServer = change(at(week, 11), at(week, 13), server);
    final Change onRack = change(at(week, 11), at(week, 13), rack);

    // For the server, the application (runs on it) is its parent and the rack (it connects to
    // it) its child.
    assertThat(detect(onServer))
        .extracting(
            ChangeConflict::rule,
            ChangeConflict::ciId,
            ChangeConflict::relatedCiId,
            ChangeConflict::otherChange)
        .containsExactlyInAnyOrder(
            tuple(ConflictRule.PARENT_CI, server.id(), app.id(), onApp.number()),
            tuple(ConflictRule.CHILD_CI, server.id(), rack.id(), onRack.number()));
    assertThat(detect(onApp))
        .extracting(ChangeConflict::rule, ChangeConflict::relatedCiId)
        .containsExactly(tuple(ConflictRule.CHILD_CI, server.id()));
    // Two relationships away (the rack from the application) is not checked.
    assertThat(detect(onRack))
        .extracting(ChangeConflict::rule, ChangeConflict::otherChange)
        .containsExactly(tuple(ConflictRule.PARENT_CI, onServer.number()));
  }

  @Test
  void relationshipCyclesDoNotLoop() {
    final Instant week = week();
    final ConfigurationItem service = ci("business_service");
    final ConfigurationItem app = ci("application");
    final ConfigurationItem db = ci("database");
    cmdb.relate(service.id(), RelationshipType.DEPENDS_ON, app.id(), ANNA);
    cmdb.relate(app.id(), RelationshipType.DEPENDS_ON, db.id(), ANNA);
    cmdb.relate(db.id(), RelationshipType.DEPENDS_ON, service.id(), ANNA);
    cmdb.relate(app.id(), RelationshipType.CONNECTS_TO, service.id(), ANNA);
    blackouts.create(
        "Quarter end",
        BlackoutScope.SERVICE,
        service.id(),
        at(week, 0),
        at(week, 48),
        "change.mira");
    final Change onService = change(at(week, 10), at(week, 12), service);
    final Change onDb = change(at(week, 10), at(week, 12), db);

    assertThat(detect(onDb))
        .extracting(ChangeConflict::rule, ChangeConflict::relatedCiId)
        .containsExactlyInAnyOrder(
            tuple(ConflictRule.BLACKOUT, service.id()), tuple(ConflictRule.CHILD_CI, service.id()));
    assertThat(detect(onService))
        .extracting(ChangeConflict::rule)
        .containsExactlyInAnyOrder(ConflictRule.BLACKOUT, ConflictRule.PARENT_CI);
  }

  @Test
  void aWindowOutsideTheCiMaintenanceWindowConflictsOneInsideDoesNot() {
    // week() is a Monday; Sunday is six days later.
    final Instant sunday = week().plus(Duration.ofDays(6));
    final ConfigurationItem db = ci("database", "Sat 22:00-24:00, Sun 00:00-06:00");
    final ConfigurationItem noWindow = ci("database");

    assertThat(detect(change(at(sunday, -1), at(sunday, 5), db, noWindow))).isEmpty();
    final Change tooLate = change(at(sunday, 5), at(sunday, 7), db, noWindow);
    assertThat(detect(tooLate))
        .extracting(ChangeConflict::rule, ChangeConflict::ciId)
        .containsExactly(tuple(ConflictRule.MAINTENANCE_WINDOW, db.id()));
    assertThat(conflicts.of(tooLate.id()).get(0).detail())
        .contains("outside the maintenance window of " + db.name())
        .contains("Sat 22:00-24:00, Sun 00:00-06:00");
    // Starting before the window opens on Saturday 22:00 (each change on a CI of its own).
    final ConfigurationItem other = ci("database", "Sat 22:00-24:00, Sun 00:00-06:00");
    assertThat(detect(change(at(sunday, -3), at(sunday, 1), other)))
        .extracting(ChangeConflict::rule)
        .containsExactly(ConflictRule.MAINTENANCE_WINDOW);
  }

  @Test
  void aGlobalBlackoutConflictsWithEveryChangeInIt() {
    final Instant week = week();
    final BlackoutWindow freeze =
        blackouts.create(
            "Year-end freeze",
            BlackoutScope.GLOBAL,
            null,
            at(week, 24),
            at(week, 48),
            "change.mira");
    final Change inside = change(at(week, 47), at(week, 50), ci("server"));
    final Change before = change(at(week, 20), at(week, 24), ci("server"));

    assertThat(detect(inside))
        .extracting(ChangeConflict::rule, ChangeConflict::blackoutId, ChangeConflict::ciId)
        .containsExactly(tuple(ConflictRule.BLACKOUT, freeze.id(), null));
    assertThat(conflicts.of(inside.id()).get(0).detail()).contains("Year-end freeze");
    assertThat(detect(before)).isEmpty();
    assertThat(blackouts.overlapping(at(week, 0), at(week, 25))).containsExactly(freeze);
    assertThat(blackouts.overlapping(at(week, 0), at(week, 24))).isEmpty();

    // Deleting the blackout drops the conflicts it caused.
    assertThat(blackouts.delete(freeze.id())).contains(freeze);
    assertThat(conflicts.of(inside.id())).isEmpty();
    assertThat(blackouts.delete(freeze.id())).isEmpty();
  }

  @Test
  void aCiBlackoutConflictsOnlyWithChangesOnThatCi() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    final BlackoutWindow migration =
        blackouts.create(
            "Storage migration",
            BlackoutScope.CI,
            web.id(),
            at(week, 0),
            at(week, 24),
            "change.mira");

    assertThat(detect(change(at(week, 10), at(week, 12), web)))
        .extracting(ChangeConflict::rule, ChangeConflict::ciId, ChangeConflict::blackoutId)
        .containsExactly(tuple(ConflictRule.BLACKOUT, web.id(), migration.id()));
    assertThat(detect(change(at(week, 10), at(week, 12), ci("server")))).isEmpty();
  }

  @Test
  void aServiceBlackoutConflictsWithChangesOnTheCisTheServiceDependsOn() {
    final Instant week = week();
    final ConfigurationItem shop = ci("business_service");
    final ConfigurationItem app = ci("application");
    final ConfigurationItem server = ci("server");
    final ConfigurationItem elsewhere = ci("server");
    cmdb.relate(shop.id(), RelationshipType.DEPENDS_ON, app.id(), ANNA);
    cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), ANNA);
    final BlackoutWindow sale =
        blackouts.create(
            "Black Friday",
            BlackoutScope.SERVICE,
            shop.id(),
            at(week, 0),
            at(week, 24),
            "change.mira");

    final Change onServer = change(at(week, 10), at(week, 12), server);
    assertThat(detect(onServer))
        .extracting(
            ChangeConflict::rule,
            ChangeConflict::ciId,
            ChangeConflict::relatedCiId,
            ChangeConflict::blackoutId)
        .containsExactly(tuple(ConflictRule.BLACKOUT, server.id(), shop.id(), sale.id()));
    assertThat(conflicts.of(onServer.id()).get(0).detail())
        .contains("Black Friday")
        .contains("service " + shop.name())
        .contains("depends on " + server.name());
    assertThat(detect(change(at(week, 10), at(week, 12), elsewhere))).isEmpty();
    assertThat(detect(change(at(week, 30), at(week, 32), server))).isEmpty();
  }

  @Test
  void blackoutWindowsRefuseBadInputNamingTheField() {
    final Instant week = week();
    final ConfigurationItem server = ci("server");
    assertThatThrownBy(
            () ->
                blackouts.create(
                    "x", BlackoutScope.GLOBAL, null, at(week, 2), at(week, 1), "change.mira"))
        .isInstanceOf(InvalidBlackoutException.class)
        .extracting("field")
        .isEqualTo("end");
    assertThatThrownBy(
            () ->
                blackouts.create(
                    "x",
                    BlackoutScope.SERVICE,
                    server.id(),
                    at(week, 1),
                    at(week, 2),
                    "change.mira"))
        .hasMessageContaining("not a business service");
    assertThatThrownBy(
            () ->
                blackouts.create(
                    "x",
                    BlackoutScope.CI,
                    UUID.randomUUID(),
                    at(week, 1),
                    at(week, 2),
                    "change.mira"))
        .hasMessageContaining("no CI has the id");
    assertThatThrownBy(
            () ->
                blackouts.create(
                    " ", BlackoutScope.GLOBAL, null, at(week, 1), at(week, 2), "change.mira"))
        .extracting("field")
        .isEqualTo("name");
    assertThat(blackouts.overlapping(at(week, 0), at(week, 5))).isEmpty();
  }

  @Test
  void anImplementerScheduledOnAnotherActiveChangeAtTheSameTimeConflicts() {
    final Instant week = week();
    final Change first = change(at(week, 10), at(week, 12), "agent.nils", ci("server"));
    final Change second = change(at(week, 11), at(week, 13), "agent.nils", ci("server"));
    final Change otherPerson = change(at(week, 11), at(week, 13), "agent.olga", ci("server"));

    assertThat(detect(second))
        .extracting(ChangeConflict::rule, ChangeConflict::otherChange)
        .containsExactly(tuple(ConflictRule.IMPLEMENTER, first.number()));
    assertThat(conflicts.of(second.id()).get(0).detail()).contains("agent.nils");
    assertThat(detect(otherPerson)).isEmpty();
  }

  @Test
  void aNormalChangeWithOpenConflictsIsApprovedOnlyAfterAnOverrideWithReason() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    change(at(week, 10), at(week, 12), web);
    final Change change = change(at(week, 11), at(week, 13), web);
    assertThat(detect(change)).hasSize(1);

    assertThatThrownBy(() -> changes.authorize(change.id(), Authorization.APPROVED, null, MIRA))
        .isInstanceOf(UnresolvedConflictsException.class)
        .hasMessage("change " + change.number() + " has 1 conflict; give an override reason");
    assertThat(changes.find(change.id()).orElseThrow().authorization()).isNull();
    assertThatThrownBy(() -> conflicts.override(change.id(), " ", MIRA))
        .hasMessageContaining("overrideReason");
    assertThat(conflicts.openCount(change.id())).isEqualTo(1);
    assertThat(conflicts.needsOverride(change.id(), ChangeType.NORMAL)).isTrue();
    assertThat(conflicts.needsOverride(change.id(), ChangeType.EMERGENCY)).isFalse();

    assertThat(conflicts.override(change.id(), "The other change only reads logs.", MIRA))
        .isEqualTo(1);
    final ChangeConflict overridden = conflicts.of(change.id()).get(0);
    assertThat(overridden.open()).isFalse();
    assertThat(overridden.overriddenBy()).isEqualTo("change.mira");
    assertThat(overridden.overrideReason()).isEqualTo("The other change only reads logs.");
    assertThat(changes.auditTrail(change.id()))
        .extracting(AuditEntry::field, AuditEntry::newValue)
        .contains(tuple("conflictOverride", "1 conflict: The other change only reads logs."));
    assertThat(changes.journal(change.id(), true))
        .extracting(JournalEntry::text)
        .anySatisfy(
            text ->
                assertThat(text)
                    .contains("overridden by change.mira")
                    .contains("The other change only reads logs.")
                    .contains(web.name()));
    assertThat(changes.journal(change.id(), false)).isEmpty();
    // Found again, the conflict keeps its override.
    assertThat(detect(change)).extracting(ChangeConflict::open).containsExactly(false);
    assertThat(conflicts.openFor(List.of(change.id()))).isEmpty();

    assertThat(changes.authorize(change.id(), Authorization.APPROVED, null, MIRA).authorization())
        .isEqualTo(Authorization.APPROVED);
  }

  @Test
  void rejectingNeedsNoOverrideAndOnlyNormalChangesAreHeldBack() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    change(at(week, 10), at(week, 12), web);
    final Change rejected = change(at(week, 11), at(week, 13), web);
    assertThat(detect(rejected)).hasSize(1);
    assertThat(conflicts.openFor(List.of(rejected.id())).get(rejected.id())).hasSize(1);

    assertThat(changes.authorize(rejected.id(), Authorization.REJECTED, null, MIRA).authorization())
        .isEqualTo(Authorization.REJECTED);
  }

  @Test
  void reschedulingMovesTheWindowAndCisAuditsThemAndChecksAgain() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    final ConfigurationItem db = ci("database");
    final Change other = change(at(week, 10), at(week, 12), db);
    final Change change = change(at(week, 20), at(week, 22), web);
    assertThat(detect(change)).isEmpty();

    final ChangeRescheduling.Rescheduled moved =
        rescheduling.reschedule(
            change.id(), at(week, 11), at(week, 13), List.of(web.id(), db.id()), ANNA);

    assertThat(moved.change().plannedStart()).isEqualTo(at(week, 11));
    assertThat(moved.change().affectedCis())
        .extracting(AffectedCi::ciId)
        .contains(web.id(), db.id());
    assertThat(moved.conflicts())
        .extracting(ChangeConflict::rule, ChangeConflict::otherChange)
        .containsExactly(tuple(ConflictRule.SAME_CI, other.number()));
    assertThat(changes.auditTrail(change.id()))
        .extracting(AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
        .contains(
            tuple("plannedStart", at(week, 20).toString(), at(week, 11).toString()),
            tuple("plannedEnd", at(week, 22).toString(), at(week, 13).toString()),
            tuple("affectedCi", null, db.name() + " (" + db.id() + ")"),
            tuple("conflicts", "0", "1"));
  }

  @Test
  void aBadEditIsRefusedAndWritesNothing() {
    final Instant week = week();
    final ConfigurationItem web = ci("server");
    final Change change = change(at(week, 20), at(week, 22), web);
    final int audited = changes.auditTrail(change.id()).size();

    assertThatThrownBy(
            () ->
                rescheduling.reschedule(
                    change.id(), at(week, 22), at(week, 20), List.of(web.id()), ANNA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be after plannedStart");
    final UUID unknown = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                rescheduling.reschedule(
                    change.id(), at(week, 1), at(week, 2), List.of(web.id(), unknown), ANNA))
        .isInstanceOf(UnknownCiException.class)
        .hasMessageContaining(unknown.toString());
    changes.moveTo(change.id(), ChangeState.CANCELED, null, null, ANNA);
    assertThatThrownBy(
            () -> rescheduling.reschedule(change.id(), at(week, 1), at(week, 2), List.of(), ANNA))
        .isInstanceOf(ChangeNotEditableException.class);

    final Change after = changes.find(change.id()).orElseThrow();
    assertThat(after.plannedStart()).isEqualTo(at(week, 20));
    assertThat(after.affectedCis()).extracting(AffectedCi::ciId).containsExactly(web.id());
    assertThat(changes.auditTrail(change.id())).hasSize(audited + 1);
  }
}
