package io.flowdesk.app.cmdb;

import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.CiQuery;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Impact;
import io.flowdesk.domain.cmdb.ImpactAnalysis;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.Relationship;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CMDB REST API: the same records, checks and permissions as the {@code /cmdb} pages (agents,
 * managers and admins read; managers and admins write). Errors are RFC 9457 problem documents
 * naming the field ({@link CmdbApiProblems}).
 */
@RestController
@Tag(name = "CMDB", description = "Configuration items, their relationships and impact analysis")
class CmdbApiController {

  static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> RELATIONSHIP_FIELDS = Set.of("type", "target");

  private final Cmdb cmdb;
  private final CmdbAccess access;
  private final CmdbEditing editing;

  CmdbApiController(final Cmdb cmdb, final CmdbAccess access, final CmdbEditing editing) {
    this.cmdb = cmdb;
    this.access = access;
    this.editing = editing;
  }

  /** One page of a list, with where it is in the whole. */
  record PageOf<T>(List<T> items, int page, int size, long totalItems, int totalPages) {}

  /** A CI impact analysis reached, with the names along its path from the origin. */
  record ImpactedResource(
      UUID id,
      String name,
      @com.fasterxml.jackson.annotation.JsonProperty("class") String className,
      boolean service,
      String criticality,
      String status,
      int depth,
      String via,
      List<UUID> path,
      List<String> pathNames) {}

  /** What impact analysis found from {@code origin}. */
  record ImpactResource(
      CiResource origin, String direction, int depth, List<ImpactedResource> reached) {}

  @GetMapping("/api/cmdb/classes")
  @Operation(
      summary = "The CI classes with their attribute definitions",
      description =
          "Shipped: business_service, application, database, server, network_device; plus the"
              + " classes admins define. service=true: impact analysis reports these CIs as"
              + " impacted services, and they carry a criticality.")
  List<CiClass> classes() {
    access.reader();
    return cmdb.classes();
  }

  @GetMapping("/api/cmdb/cis")
  @Operation(
      summary = "Search configuration items",
      description =
          "text: the name contains it (ignoring case); class: a class name; status: PLANNED,"
              + " IN_SERVICE, MAINTENANCE or RETIRED. By name; page from 0, size up to 200.")
  PageOf<CiResource> search(
      @RequestParam(required = false) final String text,
      @RequestParam(name = "class", required = false) final String className,
      @RequestParam(required = false) final String status,
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "25") final int size) {
    access.reader();
    final Page<ConfigurationItem> found =
        cmdb.search(
            new CiQuery(text, className, CiInput.choice("status", status, LifecycleStatus.class)),
            PageRequest.of(PageNumbers.within(page), Math.max(1, Math.min(size, MAX_PAGE_SIZE))));
    return new PageOf<>(
        found.map(CiResource::of).getContent(),
        found.getNumber(),
        found.getSize(),
        found.getTotalElements(),
        found.getTotalPages());
  }

  @PostMapping("/api/cmdb/cis")
  @Operation(
      summary = "Create a configuration item (CMDB managers: managers and admins)",
      description =
          "Body {\"class\", \"name\", \"owner\" (username), \"supportGroup\", \"environment\""
              + " (PRODUCTION, STAGING, TEST, DEVELOPMENT), \"status\", \"criticality\" (LOW,"
              + " MEDIUM, HIGH, CRITICAL; business services and applications only),"
              + " \"maintenanceWindow\" (e.g. \"Sun 02:00-06:00, Mon-Fri 22:00-23:00\", UTC),"
              + " \"attributes\": {values by the class's attribute names}}. 201 with the CI;"
              + " 400 naming the field; 409 when the class has a CI of that name.")
  ResponseEntity<CiResource> create(@RequestBody final Map<String, Object> body) {
    final ConfigurationItem created = editing.create(CiInput.fromJson(body));
    return ResponseEntity.created(URI.create("/api/cmdb/cis/" + created.id()))
        .body(CiResource.of(created));
  }

  @GetMapping("/api/cmdb/cis/{id}")
  @Operation(summary = "One configuration item")
  CiResource get(@PathVariable final String id) {
    access.reader();
    return CiResource.of(cmdb.get(CiInput.ciId("id", id)));
  }

  @PutMapping("/api/cmdb/cis/{id}")
  @Operation(
      summary = "Replace a configuration item's fields (CMDB managers)",
      description =
          "The same body as creating; the class may be left out but not changed. Only the fields"
              + " that differ enter the CI's history.")
  CiResource update(@PathVariable final String id, @RequestBody final Map<String, Object> body) {
    return CiResource.of(editing.update(CiInput.ciId("id", id), CiInput.fromJson(body)));
  }

  @GetMapping("/api/cmdb/cis/{id}/relationships")
  @Operation(
      summary = "A CI's relationships, where it is the source or the target",
      description = "source -type-> target reads \"source depends on / runs on / ... target\".")
  List<Relationship> relationships(@PathVariable final String id) {
    access.reader();
    return cmdb.relationships(CiInput.ciId("id", id));
  }

  @PostMapping("/api/cmdb/cis/{id}/relationships")
  @Operation(
      summary = "Add a relationship from this CI (CMDB managers)",
      description =
          "Body {\"type\": DEPENDS_ON | RUNS_ON | HOSTED_ON | CONNECTS_TO | CONTAINS, \"target\":"
              + " CI id}. 400 for an unknown target or the CI itself, 409 when it exists.")
  ResponseEntity<Relationship> relate(
      @PathVariable final String id, @RequestBody final Map<String, Object> body) {
    final UUID source = CiInput.ciId("id", id);
    final Set<String> unknown = new TreeSet<>(body.keySet());
    unknown.removeAll(RELATIONSHIP_FIELDS);
    if (!unknown.isEmpty()) {
      throw new io.flowdesk.domain.cmdb.InvalidCiException(
          unknown.iterator().next(), "is not a field of a relationship");
    }
    final Object type = body.get("type");
    final Relationship created =
        editing.relate(
            source,
            CiInput.relationshipType(type == null ? null : type.toString()),
            CiInput.ciId("target", body.get("target")));
    return ResponseEntity.created(
            URI.create("/api/cmdb/cis/" + source + "/relationships/" + created.id()))
        .body(created);
  }

  @DeleteMapping("/api/cmdb/cis/{id}/relationships/{relationshipId}")
  @Operation(summary = "Remove one of the CI's relationships (CMDB managers)")
  ResponseEntity<Void> unrelate(
      @PathVariable final String id, @PathVariable final long relationshipId) {
    editing.unrelate(CiInput.ciId("id", id), relationshipId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/cmdb/cis/{id}/impact")
  @Operation(
      summary = "Impact analysis",
      description =
          "direction=up (default): every CI that depends on this one, transitively (services:"
              + " the business services and applications among them); down: what it is made of."
              + " depth 1..10 (default 5). Each reached CI once, at its smallest depth, with a"
              + " path from this CI; cycles are followed once.")
  ImpactResource impact(
      @PathVariable final String id,
      @RequestParam(defaultValue = "up") final String direction,
      @RequestParam(defaultValue = "" + ImpactAnalysis.DEFAULT_DEPTH) final int depth) {
    access.reader();
    final Impact impact =
        cmdb.impact(
            CiInput.ciId("id", id),
            CiInput.choice("direction", direction, ImpactDirection.class),
            depth);
    final Map<UUID, String> names = ImpactNames.of(impact);
    return new ImpactResource(
        CiResource.of(impact.origin()),
        impact.direction().name(),
        impact.depth(),
        impact.reached().stream().map(ci -> resource(ci, names)).toList());
  }

  private static ImpactedResource resource(final ImpactedCi ci, final Map<UUID, String> names) {
    return new ImpactedResource(
        ci.id(),
        ci.name(),
        ci.className(),
        ci.service(),
        ci.criticality() == null ? null : ci.criticality().name(),
        ci.status().name(),
        ci.depth(),
        ci.via().name(),
        ci.path(),
        ci.path().stream().map(names::get).toList());
  }
}
