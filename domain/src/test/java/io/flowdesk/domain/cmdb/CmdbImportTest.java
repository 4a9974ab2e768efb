package io.flowdesk.domain.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.DomainConfiguration;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.engine.test.SharedPostgres;
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

/** The CMDB import with reconciliation, as a Spring Boot application gets it. */
class CmdbImportTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(DomainConfiguration.class)
  static class DomainApp {}

  static ConfigurableApplicationContext context;
  static Cmdb cmdb;
  static CmdbImport imports;

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
    imports = context.getBean(CmdbImport.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static String unique(final String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static CiImportRow server(final long row, final String name, final String serial) {
    return server(row, name, serial, "agent.nils", Map.of("cpus", "8"));
  }

  static CiImportRow server(
      final long row,
      final String name,
      final String serial,
      final String owner,
      final Map<String, Object> attributes) {
    return new CiImportRow(
        row, "server", name, serial, owner, "network-team", "production", null, attributes);
  }

  static RelationshipImportRow link(
      final long row, final String from, final String type, final String to) {
    return new RelationshipImportRow(row, "server", from, type, "server", to);
  }

  static ImportRun load(
      final String source,
      final boolean retireMissing,
      final List<CiImportRow> cis,
      final List<RelationshipImportRow> relationships) {
    return imports.importCis(new CiImport(source, retireMissing, cis, relationships));
  }

  static ConfigurationItem named(final String name) {
    return cmdb.findByName("server", name).orElseThrow();
  }

  @Test
  void newCisAreInsertedWithTheirHistoryAndARerunChangesNothingAndDuplicatesNothing() {
    final String source = unique("discovery");
    final String web = unique("web");
    final String db = unique("db");
    final List<CiImportRow> cis = List.of(server(2, web, null), server(3, db, "SN-" + db));
    final List<RelationshipImportRow> links = List.of(link(2, web, "depends on", db));

    final ImportRun first = load(source, false, cis, links);

    assertThat(first.status()).isEqualTo(ImportRun.Status.LOADED);
    assertThat(List.of(first.inserted(), first.updated(), first.unchanged(), first.rejected()))
        .containsExactly(2, 0, 0, 0);
    assertThat(first.relationshipsAdded()).isEqualTo(1);
    final ConfigurationItem webCi = named(web);
    assertThat(webCi.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(webCi.status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThat(webCi.attributes()).containsEntry("cpus", 8);
    assertThat(cmdb.relationships(webCi.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.type()).isEqualTo(RelationshipType.DEPENDS_ON));
    assertThat(cmdb.history(webCi.id()))
        .extracting(CiHistoryEntry::actor)
        .containsOnly("import:" + source);
    assertThat(cmdb.history(webCi.id()))
        .extracting(CiHistoryEntry::field)
        .contains("class", "name", "owner", "attributes.cpus", "relationship");

    final ImportRun again = load(source, false, cis, links);

    assertThat(List.of(again.inserted(), again.updated(), again.unchanged(), again.rejected()))
        .containsExactly(0, 0, 2, 0);
    assertThat(again.relationshipsAdded()).isZero();
    assertThat(again.relationshipsUnchanged()).isEqualTo(1);
    assertThat(
            cmdb.search(
                new CiQuery(web, null, null),
                org.springframework.data.domain.PageRequest.of(0, 10)))
        .hasSize(1);
    assertThat(cmdb.history(webCi.id())).hasSameSizeAs(cmdb.history(named(web).id()));
    assertThat(named(web).version()).isEqualTo(webCi.version());
  }

  @Test
  void aChangedRowUpdatesTheCiAndItsHistoryOnlyForTheFieldsThatChanged() {
    final String source = unique("assets");
    final String app = unique("app");
    load(source, false, List.of(server(7, app, null)), List.of());
    final ConfigurationItem before = named(app);
    final int entries = cmdb.history(before.id()).size();

    final ImportRun run =
        load(
            source,
            false,
            List.of(server(7, app, null, "agent.olga", Map.of("cpus", "8", "hostname", "h1"))),
            List.of());

    assertThat(List.of(run.inserted(), run.updated(), run.unchanged())).containsExactly(0, 1, 0);
    final ConfigurationItem after = named(app);
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.owner()).isEqualTo("agent.olga");
    final List<CiHistoryEntry> added =
        cmdb.history(after.id()).subList(entries, cmdb.history(after.id()).size());
    assertThat(added)
        .extracting(e -> e.field() + ": " + e.oldValue() + " -> " + e.newValue())
        .containsExactlyInAnyOrder(
            "owner: agent.nils -> agent.olga", "attributes.hostname: null -> h1");
    assertThat(added).extracting(CiHistoryEntry::actor).containsOnly("import:" + source);
  }

  @Test
  void aCiWithASerialNumberIsFoundByItWhenItsNameChanged() {
    final String source = unique("vmware");
    final String old = unique("host");
    final String renamed = unique("host");
    final String serial = unique("SN");
    load(source, false, List.of(server(2, old, serial)), List.of());
    final UUID id = named(old).id();

    final ImportRun run = load(source, false, List.of(server(2, renamed, serial)), List.of());

    assertThat(List.of(run.inserted(), run.updated())).containsExactly(0, 1);
    assertThat(named(renamed).id()).isEqualTo(id);
    assertThat(cmdb.findByName("server", old)).isEmpty();
    assertThat(cmdb.history(id))
        .extracting(e -> e.field() + ": " + e.oldValue() + " -> " + e.newValue())
        .contains("name: " + old + " -> " + renamed);
  }

  @Test
  void whenConfiguredWhatTheSourceNoLongerReportsIsRetiredButOnlyItsOwnCis() {
    final String source = unique("export");
    final String other = unique("scan");
    final String kept = unique("kept");
    final String gone = unique("gone");
    final String elsewhere = unique("elsewhere");
    load(source, false, List.of(server(2, kept, null), server(3, gone, null)), List.of());
    load(other, false, List.of(server(2, elsewhere, null)), List.of());
    final ConfigurationItem manual =
        cmdb.create(
            new CiDraft(
                "server",
                unique("manual"),
                null,
                null,
                Environment.TEST,
                LifecycleStatus.IN_SERVICE,
                null,
                null,
                Map.of()),
            Actor.person("manager.maria"));

    final ImportRun withoutRetiring =
        load(source, false, List.of(server(2, kept, null)), List.of());
    assertThat(withoutRetiring.retired()).isZero();
    assertThat(named(gone).status()).isEqualTo(LifecycleStatus.IN_SERVICE);

    final ImportRun run = load(source, true, List.of(server(2, kept, null)), List.of());

    assertThat(run.retired()).isEqualTo(1);
    assertThat(named(gone).status()).isEqualTo(LifecycleStatus.RETIRED);
    assertThat(cmdb.history(named(gone).id()))
        .last()
        .satisfies(
            e -> {
              assertThat(e.field() + ": " + e.oldValue() + " -> " + e.newValue())
                  .isEqualTo("status: IN_SERVICE -> RETIRED");
              assertThat(e.actor()).isEqualTo("import:" + source);
            });
    assertThat(named(kept).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThat(named(elsewhere).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThat(cmdb.get(manual.id()).status()).isEqualTo(LifecycleStatus.IN_SERVICE);

    final ImportRun back =
        load(source, true, List.of(server(2, kept, null), server(3, gone, null)), List.of());
    assertThat(back.updated()).isEqualTo(1);
    assertThat(named(gone).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
  }

  /** The relationships out of a server, as "type target" texts. */
  static List<String> linksOf(final String name) {
    final ConfigurationItem ci = named(name);
    return cmdb.relationships(ci.id()).stream()
        .filter(r -> r.sourceId().equals(ci.id()))
        .map(r -> r.type().label() + " " + r.targetName())
        .toList();
  }

  @Test
  void whenRetiringTheRelationshipsTheSourceNoLongerReportsAreRemovedWithHistory() {
    final String source = unique("export");
    final String other = unique("scan");
    final String app = unique("app");
    final String db = unique("db");
    final String cache = unique("cache");
    final String queue = unique("queue");
    final List<CiImportRow> cis =
        List.of(
            server(2, app, null),
            server(3, db, null),
            server(4, cache, null),
            server(5, queue, null));
    load(
        source,
        true,
        cis,
        List.of(
            link(2, app, "depends on", db),
            link(3, app, "depends on", cache),
            link(4, app, "depends on", queue)));
    // Another source vouches for app -> queue too; a person draws app -> db as "runs on".
    load(other, true, List.of(), List.of(link(2, app, "depends on", queue)));
    cmdb.relate(
        named(app).id(), RelationshipType.RUNS_ON, named(db).id(), Actor.person("manager.maria"));

    final ImportRun notRetiring = load(source, false, cis, List.of(link(2, app, "depends on", db)));
    assertThat(notRetiring.relationshipsRemoved()).isZero();
    assertThat(linksOf(app)).hasSize(4);

    final ImportRun run = load(source, true, cis, List.of(link(2, app, "depends on", db)));

    assertThat(run.relationshipsRemoved()).isEqualTo(1);
    assertThat(imports.run(run.id()).orElseThrow().relationshipsRemoved()).isEqualTo(1);
    assertThat(linksOf(app))
        .containsExactlyInAnyOrder("depends on " + db, "depends on " + queue, "runs on " + db);
    assertThat(cmdb.history(named(app).id()))
        .last()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("relationship");
              assertThat(e.oldValue()).isEqualTo("depends on " + cache + " (server)");
              assertThat(e.newValue()).isNull();
              assertThat(e.actor()).isEqualTo("import:" + source);
            });

    // Reported again, it comes back; a run with a rejected row removes nothing.
    final ImportRun back =
        load(
            source,
            true,
            cis,
            List.of(link(2, app, "depends on", db), link(3, app, "depends on", cache)));
    assertThat(back.relationshipsAdded()).isEqualTo(1);
    final ImportRun rejecting =
        load(source, true, cis, List.of(link(2, app, "depends on", unique("nowhere"))));
    assertThat(rejecting.rejected()).isEqualTo(1);
    assertThat(rejecting.relationshipsRemoved()).isZero();
    assertThat(linksOf(app)).hasSize(4);
    // A run of CIs alone says nothing about relationships.
    assertThat(load(source, true, cis, List.of()).relationshipsRemoved()).isZero();
    assertThat(linksOf(app)).hasSize(4);
  }

  @Test
  void aSkippedRunIsRecordedAndChangesNothing() {
    final String source = unique("nightly");
    final String kept = unique("kept");
    load(source, true, List.of(server(2, kept, null)), List.of());
    assertThat(imports.everLoaded(source)).isTrue();
    assertThat(imports.everLoaded(unique("never"))).isFalse();

    final ImportRun skipped = imports.skip(source, true, "no source configured");

    assertThat(skipped.status()).isEqualTo(ImportRun.Status.SKIPPED);
    assertThat(skipped.error()).isEqualTo("skipped: no source configured");
    assertThat(imports.recent(source, 1)).extracting(ImportRun::id).containsExactly(skipped.id());
    assertThat(named(kept).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThatThrownBy(() -> imports.skip("Not A Source", false, "x"))
        .isInstanceOf(InvalidCiException.class);
  }

  @Test
  void duplicateAndMalformedRowsAreRejectedWithReasonsAndOnlyTheValidRowsLoad() {
    final String source = unique("bad-file");
    final String twice = unique("twice");
    final String good = unique("good");
    final String badCpus = unique("cpus");
    final String badEnvironment = unique("env");
    final String unknownClass = unique("thing");
    final String earlier = unique("earlier");
    final String nowhere = unique("nowhere");
    load(source, false, List.of(server(2, earlier, null)), List.of());

    final ImportRun run =
        load(
            source,
            true,
            List.of(
                server(2, twice, null),
                server(3, twice, null),
                new CiImportRow(4, "toaster", unknownClass, null, null, null, "test", null, null),
                server(5, badCpus, null, null, Map.of("cpus", "many")),
                new CiImportRow(6, "server", badEnvironment, null, null, null, "moon", null, null),
                server(7, good, null)),
            List.of(
                link(2, good, "runs on", nowhere),
                link(3, good, "depends on", badCpus),
                link(4, good, "is friends with", good)));

    assertThat(run.status()).isEqualTo(ImportRun.Status.LOADED);
    assertThat(List.of(run.inserted(), run.rejected())).containsExactly(1, 8);
    assertThat(run.retireSkipped()).isTrue();
    assertThat(run.retired()).isZero();
    assertThat(named(earlier).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThat(imports.run(run.id()).orElseThrow().rejects())
        .extracting(r -> r.kind() + " " + r.row() + " " + r.reason())
        .containsExactly(
            "CI 2 duplicate: Server " + twice + " is also in row 3",
            "CI 3 duplicate: Server " + twice + " is also in row 2",
            "CI 4 class: there is no CI class toaster",
            "CI 5 attributes.cpus: 'many' is not a number",
            "CI 6 environment: 'moon' is not one of production, staging, test, development",
            "RELATIONSHIP 2 target: there is no Server named "
                + nowhere
                + " in this import or the CMDB",
            "RELATIONSHIP 3 target: Server " + badCpus + " was rejected (row 5)",
            "RELATIONSHIP 4 type: 'is friends with' is not one of depends on, runs on, hosted"
                + " on, connects to, contains");
    assertThat(named(good).status()).isEqualTo(LifecycleStatus.IN_SERVICE);
    assertThat(cmdb.relationships(named(good).id())).isEmpty();
    for (final String rejected : List.of(twice, badCpus, badEnvironment)) {
      assertThat(cmdb.findByName("server", rejected)).isEmpty();
    }
    assertThat(imports.recent(source, 10)).extracting(ImportRun::id).first().isEqualTo(run.id());
  }

  @Test
  void aReferenceToACiOfAnotherClassThanItsAttributeNamesIsRejected() {
    final String rackClass = "rack_" + UUID.randomUUID().toString().substring(0, 6);
    cmdb.defineClass(
        new CiClass(
            rackClass,
            "Rack",
            false,
            false,
            List.of(
                new AttributeDefinition(
                    "switch",
                    "Top switch",
                    AttributeType.REFERENCE,
                    false,
                    null,
                    CiClass.NETWORK_DEVICE))));
    final String server = unique("not-a-switch");
    load(unique("servers"), false, List.of(server(2, server, null)), List.of());
    final String wrong = unique("rack");
    final String right = unique("rack");
    final String switchName = unique("sw");
    load(
        unique("switches"),
        false,
        List.of(
            new CiImportRow(
                2, CiClass.NETWORK_DEVICE, switchName, null, null, null, "production", null, null)),
        List.of());
    final ConfigurationItem device =
        cmdb.findByName(CiClass.NETWORK_DEVICE, switchName).orElseThrow();

    final ImportRun run =
        load(
            unique("racks"),
            false,
            List.of(
                new CiImportRow(
                    2,
                    rackClass,
                    wrong,
                    null,
                    null,
                    null,
                    "production",
                    null,
                    Map.of("switch", named(server).id().toString())),
                new CiImportRow(
                    3,
                    rackClass,
                    right,
                    null,
                    null,
                    null,
                    "production",
                    null,
                    Map.of("switch", device.id().toString()))),
            List.of());

    assertThat(List.of(run.inserted(), run.rejected())).containsExactly(1, 1);
    assertThat(imports.run(run.id()).orElseThrow().rejects())
        .extracting(r -> r.row() + " " + r.reason())
        .containsExactly(
            "2 attributes.switch: must be a CI of class network_device ("
                + named(server).id()
                + " is a server)");
    assertThat(cmdb.findByName(rackClass, wrong)).isEmpty();
    assertThat(cmdb.findByName(rackClass, right)).isPresent();
  }

  @Test
  void aRelationshipCycleInAnImportIsLoadedAndImpactAnalysisStillEnds() {
    final String source = unique("cycle");
    final String a = unique("a");
    final String b = unique("b");

    final ImportRun run =
        load(
            source,
            false,
            List.of(server(2, a, null), server(3, b, null)),
            List.of(link(2, a, "DEPENDS_ON", b), link(3, b, "depends-on", a)));

    assertThat(run.relationshipsAdded()).isEqualTo(2);
    assertThat(run.rejected()).isZero();
    assertThat(cmdb.impact(named(a).id(), ImpactDirection.UP, 5).reached())
        .extracting(ImpactedCi::name)
        .contains(b);
  }

  @Test
  void aSourceIsNamedAndNothingRunsWithoutOne() {
    assertThatThrownBy(() -> load("Bad Source!", false, List.of(), List.of()))
        .isInstanceOf(InvalidCiException.class)
        .hasMessageStartingWith("source: ");
  }
}
