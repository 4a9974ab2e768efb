package io.flowdesk.domain.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.engine.test.SharedPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CMDB as a Spring Boot application gets it: JPA on the domain's own schema. */
class CmdbTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static Cmdb cmdb;
  static JdbcClient jdbc;
  static final Actor MARIA = Actor.person("manager.maria");

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
    cmdb = context.getBean(Cmdb.class);
    jdbc = JdbcClient.create(context.getBean(DataSource.class));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static String unique(final String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static CiDraft draft(
      final String className, final String name, final Map<String, Object> attributes) {
    return new CiDraft(
        className,
        name,
        "agent.nils",
        "network-team",
        Environment.PRODUCTION,
        LifecycleStatus.IN_SERVICE,
        null,
        null,
        attributes);
  }

  static ConfigurationItem ci(final String className, final String name) {
    return cmdb.create(draft(className, unique(name), Map.of()), MARIA);
  }

  @Test
  void theShippedClassesComeWithTheirAttributesAndServiceClassesAreMarked() {
    assertThat(cmdb.classes())
        .extracting(CiClass::name)
        .startsWith("application", "business_service", "database", "network_device", "server");
    final CiClass server = cmdb.ciClass(CiClass.SERVER).orElseThrow();
    assertThat(server.service()).isFalse();
    assertThat(server.attributes())
        .extracting(AttributeDefinition::name)
        .containsExactly("hostname", "ipAddress", "operatingSystem", "cpus", "warrantyUntil");
    assertThat(cmdb.ciClass(CiClass.BUSINESS_SERVICE).orElseThrow().service()).isTrue();
    assertThat(
            cmdb.ciClass(CiClass.DATABASE)
                .orElseThrow()
                .attribute("engine")
                .orElseThrow()
                .options())
        .contains("PostgreSQL");
  }

  @Test
  void aNewCiHasItsValidatedAttributesAWindowAndAHistoryOfEveryGivenField() {
    final Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("hostname", " db01.example.com ");
    attributes.put("cpus", "16");
    attributes.put("warrantyUntil", "2028-01-31");
    final String name = unique("db01");
    final ConfigurationItem server =
        cmdb.create(
            new CiDraft(
                CiClass.SERVER,
                name,
                "agent.nils",
                "network-team",
                Environment.PRODUCTION,
                LifecycleStatus.IN_SERVICE,
                null,
                "sun 02:00-06:00; Mon-Fri 22:00-23:30",
                attributes),
            MARIA);

    assertThat(server.id()).isNotNull();
    assertThat(server.attributes())
        .containsEntry("hostname", "db01.example.com")
        .containsEntry("warrantyUntil", "2028-01-31");
    assertThat(new BigDecimal(server.attributes().get("cpus").toString()))
        .isEqualByComparingTo("16");
    assertThat(server.maintenanceWindow()).hasToString("Sun 02:00-06:00, Mon-Fri 22:00-23:30");
    assertThat(server.maintenanceWindow().contains(Instant.parse("2026-12-06T03:00:00Z"))).isTrue();
    assertThat(server.maintenanceWindow().contains(Instant.parse("2026-12-06T07:00:00Z")))
        .isFalse();
    assertThat(cmdb.get(server.id())).isEqualTo(server);
    assertThat(cmdb.history(server.id()))
        .extracting(CiHistoryEntry::field, CiHistoryEntry::newValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("class", "server"),
            org.assertj.core.groups.Tuple.tuple("name", name),
            org.assertj.core.groups.Tuple.tuple("attributes.cpus", "16"),
            org.assertj.core.groups.Tuple.tuple(
                "maintenanceWindow", "Sun 02:00-06:00, Mon-Fri 22:00-23:30"));
    assertThat(cmdb.history(server.id())).allMatch(e -> e.actor().equals("manager.maria"));
  }

  @Test
  void anUpdateWritesOnlyTheFieldsThatDifferToTheHistory() {
    final ConfigurationItem app = ci(CiClass.APPLICATION, "billing");
    final int before = cmdb.history(app.id()).size();

    final ConfigurationItem updated =
        cmdb.update(
            app.id(),
            new CiDraft(
                null,
                app.name(),
                "agent.nils",
                "network-team",
                Environment.PRODUCTION,
                LifecycleStatus.MAINTENANCE,
                Criticality.HIGH,
                null,
                Map.of("version", "2.4")),
            Actor.person("admin"));

    assertThat(updated.status()).isEqualTo(LifecycleStatus.MAINTENANCE);
    assertThat(updated.version()).isEqualTo(app.version() + 1);
    final List<CiHistoryEntry> trail = cmdb.history(app.id());
    assertThat(trail.subList(before, trail.size()))
        .extracting(CiHistoryEntry::field, CiHistoryEntry::oldValue, CiHistoryEntry::newValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("status", "IN_SERVICE", "MAINTENANCE"),
            org.assertj.core.groups.Tuple.tuple("criticality", null, "HIGH"),
            org.assertj.core.groups.Tuple.tuple("attributes.version", null, "2.4"));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndWritesNothing() {
    final int before = jdbc.sql("SELECT count(*) FROM domain.ci").query(Integer.class).single();
    assertField(() -> cmdb.create(draft("toaster", unique("t"), Map.of()), MARIA), "class");
    assertField(() -> cmdb.create(draft(CiClass.SERVER, " ", Map.of()), MARIA), "name");
    assertField(
        () -> cmdb.create(draft(CiClass.SERVER, unique("s"), Map.of("cpus", "many")), MARIA),
        "attributes.cpus");
    assertField(
        () -> cmdb.create(draft(CiClass.SERVER, unique("s"), Map.of("colour", "red")), MARIA),
        "attributes.colour");
    assertField(
        () ->
            cmdb.create(draft(CiClass.SERVER, unique("s"), Map.of("warrantyUntil", "soon")), MARIA),
        "attributes.warrantyUntil");
    assertField(
        () -> cmdb.create(draft(CiClass.DATABASE, unique("d"), Map.of("engine", "dBase")), MARIA),
        "attributes.engine");
    assertField(
        () ->
            cmdb.create(
                new CiDraft(
                    CiClass.SERVER,
                    unique("s"),
                    "Not A User",
                    null,
                    Environment.TEST,
                    LifecycleStatus.PLANNED,
                    null,
                    null,
                    Map.of()),
                MARIA),
        "owner");
    assertField(
        () ->
            cmdb.create(
                new CiDraft(
                    CiClass.SERVER,
                    unique("s"),
                    null,
                    null,
                    Environment.TEST,
                    LifecycleStatus.PLANNED,
                    Criticality.HIGH,
                    null,
                    Map.of()),
                MARIA),
        "criticality");
    assertField(
        () ->
            cmdb.create(
                new CiDraft(
                    CiClass.SERVER,
                    unique("s"),
                    null,
                    null,
                    Environment.TEST,
                    LifecycleStatus.PLANNED,
                    null,
                    "Sun 06:00-02:00",
                    Map.of()),
                MARIA),
        "maintenanceWindow");
    assertThat(jdbc.sql("SELECT count(*) FROM domain.ci").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void aSecondCiOfTheSameClassAndNameIsAConflictButAnotherClassMayShareTheName() {
    final ConfigurationItem first = ci(CiClass.SERVER, "web");
    assertThatThrownBy(() -> cmdb.create(draft(CiClass.SERVER, first.name(), Map.of()), MARIA))
        .isInstanceOf(CiConflictException.class)
        .extracting(e -> ((CiConflictException) e).field())
        .isEqualTo("name");
    assertThat(cmdb.create(draft(CiClass.APPLICATION, first.name(), Map.of()), MARIA).id())
        .isNotEqualTo(first.id());
  }

  @Test
  void anAdminDefinedClassValidatesChoicesAndReferencesToOtherCis() {
    final String name = "rack_" + UUID.randomUUID().toString().substring(0, 6).replace('-', '_');
    final CiClass rack =
        cmdb.defineClass(
            new CiClass(
                name,
                "Rack",
                false,
                false,
                List.of(
                    new AttributeDefinition("room", "Room", AttributeType.TEXT, true, null),
                    new AttributeDefinition(
                        "power", "Power", AttributeType.CHOICE, false, List.of("A", "B")),
                    new AttributeDefinition(
                        "switch", "Top switch", AttributeType.REFERENCE, false, null))));
    assertThat(cmdb.ciClass(name)).contains(rack);
    final ConfigurationItem device = ci(CiClass.NETWORK_DEVICE, "sw");

    final ConfigurationItem placed =
        cmdb.create(
            draft(
                name,
                unique("r1"),
                Map.of("room", "B-12", "power", "A", "switch", device.id().toString())),
            MARIA);

    assertThat(placed.attributes()).containsEntry("switch", device.id().toString());
    assertField(() -> cmdb.create(draft(name, unique("r2"), Map.of()), MARIA), "attributes.room");
    assertField(
        () ->
            cmdb.create(
                draft(
                    name,
                    unique("r3"),
                    Map.of("room", "x", "switch", UUID.randomUUID().toString())),
                MARIA),
        "attributes.switch");
    assertField(
        () -> cmdb.create(draft(name, unique("r4"), Map.of("room", "x", "power", "C")), MARIA),
        "attributes.power");
    assertThatThrownBy(() -> cmdb.defineClass(rack)).isInstanceOf(CiConflictException.class);
    assertField(
        () -> cmdb.defineClass(new CiClass("Bad Name", "Bad", false, false, List.of())), "name");
    assertField(
        () ->
            cmdb.defineClass(
                new CiClass(
                    "shelf",
                    "Shelf",
                    false,
                    false,
                    List.of(
                        new AttributeDefinition(
                            "kind", "Kind", AttributeType.CHOICE, false, List.of())))),
        "attributes.kind");
  }

  @Test
  void relationshipsAreUniqueNeverToThemselvesAndInTheSourcesHistory() {
    final ConfigurationItem app = ci(CiClass.APPLICATION, "crm");
    final ConfigurationItem server = ci(CiClass.SERVER, "crm-host");

    final Relationship runsOn = cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), MARIA);

    assertThat(runsOn.sourceName()).isEqualTo(app.name());
    assertThat(runsOn.targetName()).isEqualTo(server.name());
    assertThat(cmdb.relationships(server.id())).containsExactly(runsOn);
    assertThatThrownBy(() -> cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), MARIA))
        .isInstanceOf(CiConflictException.class)
        .hasMessageContaining("already");
    assertField(
        () -> cmdb.relate(app.id(), RelationshipType.DEPENDS_ON, app.id(), MARIA), "target");
    assertField(
        () -> cmdb.relate(app.id(), RelationshipType.DEPENDS_ON, UUID.randomUUID(), MARIA),
        "target");
    assertThatThrownBy(
            () -> cmdb.relate(UUID.randomUUID(), RelationshipType.DEPENDS_ON, app.id(), MARIA))
        .isInstanceOf(CiNotFoundException.class);

    cmdb.unrelate(server.id(), runsOn.id(), MARIA);

    assertThat(cmdb.relationships(app.id())).isEmpty();
    assertThat(cmdb.history(app.id()))
        .extracting(CiHistoryEntry::field, CiHistoryEntry::oldValue, CiHistoryEntry::newValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "relationship", null, "runs on " + server.name() + " (server)"),
            org.assertj.core.groups.Tuple.tuple(
                "relationship", "runs on " + server.name() + " (server)", null));
  }

  @Test
  void impactFindsEveryDependentServiceTransitivelyWithDepthAndPathThroughCycles() {
    final ConfigurationItem shop = ci(CiClass.BUSINESS_SERVICE, "shop");
    final ConfigurationItem web = ci(CiClass.APPLICATION, "web");
    final ConfigurationItem api = ci(CiClass.APPLICATION, "api");
    final ConfigurationItem host = ci(CiClass.SERVER, "host");
    final ConfigurationItem db = ci(CiClass.DATABASE, "db");
    cmdb.relate(shop.id(), RelationshipType.DEPENDS_ON, web.id(), MARIA);
    cmdb.relate(web.id(), RelationshipType.DEPENDS_ON, api.id(), MARIA);
    cmdb.relate(api.id(), RelationshipType.DEPENDS_ON, db.id(), MARIA);
    cmdb.relate(db.id(), RelationshipType.HOSTED_ON, host.id(), MARIA);
    cmdb.relate(web.id(), RelationshipType.RUNS_ON, host.id(), MARIA);
    // A cycle: the walk must end, and report each CI once at its nearest depth.
    cmdb.relate(host.id(), RelationshipType.CONNECTS_TO, shop.id(), MARIA);

    final Impact up = cmdb.impact(host.id(), ImpactDirection.UP, 5);

    assertThat(up.reached())
        .extracting(ImpactedCi::name, ImpactedCi::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(db.name(), 1),
            org.assertj.core.groups.Tuple.tuple(web.name(), 1),
            org.assertj.core.groups.Tuple.tuple(api.name(), 2),
            org.assertj.core.groups.Tuple.tuple(shop.name(), 2));
    final ImpactedCi viaWeb = up.reached().get(3);
    assertThat(viaWeb.path()).containsExactly(host.id(), web.id(), shop.id());
    assertThat(viaWeb.via()).isEqualTo(RelationshipType.DEPENDS_ON);
    assertThat(viaWeb.service()).isTrue();
    assertThat(up.services())
        .extracting(ImpactedCi::name)
        .containsExactlyInAnyOrder(web.name(), api.name(), shop.name());
    assertThat(cmdb.impact(host.id(), ImpactDirection.UP, 1).reached())
        .extracting(ImpactedCi::name)
        .containsExactly(db.name(), web.name());

    final Impact down = cmdb.impact(shop.id(), ImpactDirection.DOWN, 5);
    assertThat(down.reached())
        .extracting(ImpactedCi::name, ImpactedCi::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(web.name(), 1),
            org.assertj.core.groups.Tuple.tuple(api.name(), 2),
            org.assertj.core.groups.Tuple.tuple(host.name(), 2),
            org.assertj.core.groups.Tuple.tuple(db.name(), 3));
    assertField(() -> cmdb.impact(shop.id(), ImpactDirection.DOWN, 0), "depth");
    assertThatThrownBy(() -> cmdb.impact(UUID.randomUUID(), ImpactDirection.UP, 5))
        .isInstanceOf(CiNotFoundException.class);
  }

  /** source -type-> target, as the test relates them. */
  private record Edge(UUID source, RelationshipType type, UUID target) {}

  @Test
  void impactThroughADenseHubWithACycleReportsEachCiOnceAtItsShortestDepth() {
    // A network device hub: 30 servers connect to it, 10 of them also to a second device, the
    // devices form a cycle back to the hub, and 10 applications run on three servers each, all
    // of them part of one service: many routes lead to most CIs.
    final ConfigurationItem hub = ci(CiClass.NETWORK_DEVICE, "hub");
    final ConfigurationItem edge = ci(CiClass.NETWORK_DEVICE, "edge");
    final ConfigurationItem core = ci(CiClass.NETWORK_DEVICE, "core");
    final List<Edge> edges = new java.util.ArrayList<>();
    final java.util.function.BiConsumer<ConfigurationItem, ConfigurationItem> connects =
        (from, to) -> edges.add(new Edge(from.id(), RelationshipType.CONNECTS_TO, to.id()));
    connects.accept(edge, hub);
    connects.accept(core, edge);
    connects.accept(hub, core);
    final List<ConfigurationItem> servers = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      final ConfigurationItem server = ci(CiClass.SERVER, "hub-srv" + i);
      servers.add(server);
      connects.accept(server, i < 20 ? hub : edge);
      if (i >= 20) {
        connects.accept(server, hub);
      }
    }
    final ConfigurationItem shop = ci(CiClass.BUSINESS_SERVICE, "hub-shop");
    for (int i = 0; i < 10; i++) {
      final ConfigurationItem app = ci(CiClass.APPLICATION, "hub-app" + i);
      for (final int s : new int[] {i, i + 10, i + 20}) {
        edges.add(new Edge(app.id(), RelationshipType.RUNS_ON, servers.get(s).id()));
      }
      edges.add(new Edge(shop.id(), RelationshipType.CONTAINS, app.id()));
      edges.add(new Edge(shop.id(), RelationshipType.DEPENDS_ON, app.id()));
    }
    // ...and the service depends on a server behind the second device: a shorter route to it.
    edges.add(new Edge(shop.id(), RelationshipType.DEPENDS_ON, servers.get(25).id()));
    edges.forEach(e -> cmdb.relate(e.source(), e.type(), e.target(), MARIA));

    for (final ImpactDirection direction : ImpactDirection.values()) {
      for (final ConfigurationItem origin : List.of(hub, shop, servers.get(3))) {
        for (final int depth : new int[] {1, 2, 3, 5}) {
          final Impact impact = cmdb.impact(origin.id(), direction, depth);
          final Map<UUID, Integer> expected = shortestDepths(edges, origin.id(), direction, depth);
          assertThat(impact.reached())
              .as("%s from %s at depth %d", direction, origin.name(), depth)
              .extracting(ImpactedCi::id)
              .doesNotHaveDuplicates()
              .containsExactlyInAnyOrderElementsOf(expected.keySet());
          for (final ImpactedCi ci : impact.reached()) {
            assertThat(ci.depth()).isEqualTo(expected.get(ci.id()));
            assertThat(ci.path()).hasSize(ci.depth() + 1).startsWith(origin.id()).endsWith(ci.id());
            for (int i = 1; i < ci.path().size(); i++) {
              final UUID from = ci.path().get(i - 1);
              final UUID to = ci.path().get(i);
              final RelationshipType last = ci.via();
              assertThat(edges)
                  .as("step %d of the path to %s", i, ci.name())
                  .anyMatch(
                      e ->
                          (direction == ImpactDirection.UP
                                  ? e.target().equals(from) && e.source().equals(to)
                                  : e.source().equals(from) && e.target().equals(to))
                              && (!to.equals(ci.id()) || e.type() == last));
            }
          }
        }
      }
    }
    final Impact up = cmdb.impact(hub.id(), ImpactDirection.UP, 5);
    assertThat(up.reached()).extracting(ImpactedCi::id).doesNotContain(hub.id());
    assertThat(up.services())
        .filteredOn(ci -> ci.id().equals(shop.id()))
        .singleElement()
        .satisfies(ci -> assertThat(ci.depth()).isEqualTo(2));
  }

  /** The reference: a plain breadth-first search over the test's own relationships. */
  private static Map<UUID, Integer> shortestDepths(
      final List<Edge> edges, final UUID origin, final ImpactDirection direction, final int max) {
    final Map<UUID, Integer> depths = new LinkedHashMap<>();
    depths.put(origin, 0);
    List<UUID> frontier = List.of(origin);
    for (int depth = 1; depth <= max && !frontier.isEmpty(); depth++) {
      final List<UUID> next = new java.util.ArrayList<>();
      for (final UUID from : frontier) {
        for (final Edge e : edges) {
          final UUID near = direction == ImpactDirection.UP ? e.target() : e.source();
          final UUID far = direction == ImpactDirection.UP ? e.source() : e.target();
          if (near.equals(from) && !depths.containsKey(far)) {
            depths.put(far, depth);
            next.add(far);
          }
        }
      }
      frontier = next;
    }
    depths.remove(origin);
    return depths;
  }

  @Test
  void searchFindsByTextClassAndStatusWithWildcardsTakenLiterally() {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final ConfigurationItem a =
        cmdb.create(draft(CiClass.SERVER, "srch_" + tag + "-a", Map.of()), MARIA);
    cmdb.create(draft(CiClass.APPLICATION, "srch_" + tag + "-b", Map.of()), MARIA);
    cmdb.create(draft(CiClass.SERVER, "srchx" + tag + "-c", Map.of()), MARIA);

    assertThat(
            cmdb.search(new CiQuery("SRCH_" + tag, null, null), PageRequest.of(0, 10)).getContent())
        .extracting(ConfigurationItem::name)
        .containsExactly("srch_" + tag + "-a", "srch_" + tag + "-b");
    assertThat(
            cmdb.search(
                    new CiQuery("srch_" + tag, CiClass.SERVER, LifecycleStatus.IN_SERVICE),
                    PageRequest.of(0, 10))
                .getContent())
        .containsExactly(a);
    assertThat(
            cmdb.search(
                    new CiQuery("srch_" + tag, null, LifecycleStatus.RETIRED),
                    PageRequest.of(0, 10))
                .getContent())
        .isEmpty();
  }

  @Test
  void theHistoryIsAppendOnly() {
    final ConfigurationItem server = ci(CiClass.SERVER, "audited");
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE domain.ci_audit SET actor = 'x' WHERE ci_id = :id")
                    .param("id", server.id())
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM domain.ci_audit WHERE ci_id = :id")
                    .param("id", server.id())
                    .update())
        .hasMessageContaining("append-only");
  }

  private static void assertField(
      final org.assertj.core.api.ThrowableAssert.ThrowingCallable call, final String field) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidCiException.class)
        .extracting(e -> ((InvalidCiException) e).field())
        .isEqualTo(field);
  }
}
