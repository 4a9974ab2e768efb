package io.flowdesk.domain.cmdb;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.RecordText;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configuration management database: CI classes, configuration items, their relationships, each
 * CI's history and impact analysis. Rows are JPA's; history and impact analysis plain SQL. Every
 * write is one transaction (joining a surrounding one) that checks everything before it writes, so
 * a refused call writes nothing; each change is recorded in the CI's history.
 */
public class Cmdb {

  private final CiClassRepository classes;
  private final CiRepository cis;
  private final RelationshipRepository relationships;
  private final CiHistory history;
  private final ImpactAnalysis impact;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final Clock clock;

  Cmdb(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final CiClassRepository classes,
      final CiRepository cis,
      final RelationshipRepository relationships,
      final Clock clock) {
    this.classes = classes;
    this.cis = cis;
    this.relationships = relationships;
    this.jdbc = JdbcClient.create(dataSource);
    this.history = new CiHistory(jdbc);
    this.impact = new ImpactAnalysis(dataSource);
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Every class, shipped ones first, then by label. */
  public List<CiClass> classes() {
    return classes.findAll().stream()
        .map(CiClassRow::view)
        .sorted(
            Comparator.comparing((CiClass c) -> !c.shipped())
                .thenComparing(CiClass::label, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  public Optional<CiClass> ciClass(final String name) {
    return name == null ? Optional.empty() : classes.findById(name).map(CiClassRow::view);
  }

  /**
   * Adds a class an admin defines, with its attribute definitions.
   *
   * @throws InvalidCiException naming the field (name, label, attributes.x)
   * @throws CiConflictException a class of that name exists
   */
  public CiClass defineClass(final CiClass defined) {
    CiValidation.check(defined, classes::existsById);
    return inTransaction(
        () -> {
          if (classes.existsById(defined.name())) {
            throw new CiConflictException(
                "name", "there is a class " + defined.name() + " already");
          }
          return classes.saveAndFlush(new CiClassRow(defined, clock.instant())).view();
        });
  }

  /**
   * Redefines a class: its label, whether it is a service class, and its attributes (added,
   * relabelled, made required or not, options changed). An attribute that a CI of the class has a
   * value for may be neither removed nor given another type or reference class: that would leave
   * the value without its definition.
   *
   * @throws CiNotFoundException no such class
   * @throws InvalidCiException naming the field; {@code attributes.x} for an attribute in use
   */
  public CiClass redefineClass(final CiClass redefined) {
    CiValidation.check(redefined, classes::existsById);
    return inTransaction(
        () -> {
          final CiClassRow row =
              classes
                  .findById(redefined.name())
                  .orElseThrow(
                      () -> new CiNotFoundException("there is no CI class " + redefined.name()));
          final CiClass before = row.view();
          for (final AttributeDefinition old : before.attributes()) {
            final Optional<AttributeDefinition> now = redefined.attribute(old.name());
            final boolean kept =
                now.isPresent()
                    && now.get().type() == old.type()
                    && Objects.equals(now.get().referenceClass(), old.referenceClass());
            if (!kept) {
              final long using = cisUsing(before.name(), old.name());
              if (using > 0) {
                throw new InvalidCiException(
                    "attributes." + old.name(),
                    (now.isEmpty() ? "cannot be removed: " : "cannot change its type: ")
                        + using
                        + (using == 1 ? " configuration item has" : " configuration items have")
                        + " a value for it");
              }
            }
          }
          row.redefine(redefined);
          return classes.saveAndFlush(row).view();
        });
  }

  /** How many CIs of the class have a value for the attribute. */
  private long cisUsing(final String className, final String attribute) {
    return jdbc.sql(
            "SELECT count(*) FROM domain.ci WHERE class_name = :class"
                + " AND jsonb_exists(attributes, :attribute)")
        .param("class", className)
        .param("attribute", attribute)
        .query(Long.class)
        .single();
  }

  /**
   * Records a new CI; its history begins with every given field.
   *
   * @throws InvalidCiException naming the field: unknown class, missing name, a bad attribute
   * @throws CiConflictException a CI of that class and name exists (field {@code name})
   */
  public ConfigurationItem create(final CiDraft draft, final Actor actor) {
    RecordText.requireActor(actor);
    final CiClass ciClass = knownClass(draft == null ? null : draft.className());
    final CheckedCi checked = CiValidation.check(draft, ciClass, this::classOf);
    return inTransaction(
        () -> {
          requireUniqueName(ciClass, checked.name());
          final CiRow row = new CiRow(UUID.randomUUID(), ciClass.name(), clock.instant());
          row.take(checked, clock.instant());
          final ConfigurationItem created = cis.saveAndFlush(row).view();
          history.record(created.id(), actor, "class", null, created.className());
          recordChanges(created.id(), actor, null, created);
          return created;
        });
  }

  /**
   * Replaces a CI's fields with the draft's (its class stays; a draft's class, when given, must be
   * it); only fields that differ are written to the history.
   *
   * @throws CiNotFoundException no such CI
   * @throws InvalidCiException naming the field
   * @throws CiConflictException another CI of the class has the new name
   */
  public ConfigurationItem update(final UUID id, final CiDraft draft, final Actor actor) {
    RecordText.requireActor(actor);
    return inTransaction(
        () -> {
          final CiRow row = cis.lock(id).orElseThrow(() -> notFound(id));
          final CiClass ciClass = knownClass(row.className());
          if (draft != null
              && draft.className() != null
              && !draft.className().equals(row.className())) {
            throw new InvalidCiException("class", "a CI keeps its class (" + row.className() + ")");
          }
          final CheckedCi checked = CiValidation.check(draft, ciClass, this::classOf);
          final ConfigurationItem before = row.view();
          if (!before.name().equals(checked.name())) {
            requireUniqueName(ciClass, checked.name());
          }
          row.take(checked, clock.instant());
          final ConfigurationItem after = cis.saveAndFlush(row).view();
          recordChanges(id, actor, before, after);
          return after;
        });
  }

  public Optional<ConfigurationItem> find(final UUID id) {
    return id == null ? Optional.empty() : cis.findById(id).map(CiRow::view);
  }

  private Optional<String> classOf(final UUID id) {
    return cis.findById(id).map(CiRow::className);
  }

  /** The CIs with these ids, in one query (those that exist; in no particular order). */
  public List<ConfigurationItem> findAll(final Collection<UUID> ids) {
    return ids.isEmpty() ? List.of() : cis.findAllById(ids).stream().map(CiRow::view).toList();
  }

  /** The CI of that class and name (how people and imports identify one). */
  public Optional<ConfigurationItem> findByName(final String className, final String name) {
    if (className == null || name == null) {
      return Optional.empty();
    }
    return cis.findByClassNameAndName(className, name.strip()).map(CiRow::view);
  }

  /**
   * The CIs of any class with exactly this name, ignoring case and surrounding blanks (how a name
   * typed without a class is resolved: more than one means it is ambiguous), by class.
   */
  public List<ConfigurationItem> named(final String name) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    return cis.findByNameIgnoreCaseOrderByClassName(name.strip()).stream()
        .map(CiRow::view)
        .toList();
  }

  /** The CI, or {@link CiNotFoundException}. */
  public ConfigurationItem get(final UUID id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** CIs matching the query, by {@code page}'s sort (CI properties; by name when unsorted). */
  public Page<ConfigurationItem> search(final CiQuery query, final Pageable page) {
    final CiQuery q = query == null ? CiQuery.ALL : query;
    final Specification<CiRow> matching =
        (root, criteria, builder) -> {
          final List<Predicate> where = new ArrayList<>();
          if (q.text() != null && !q.text().isBlank()) {
            final String escaped =
                q.text()
                    .strip()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            where.add(builder.like(builder.lower(root.get("name")), "%" + escaped + "%", '\\'));
          }
          if (q.className() != null && !q.className().isBlank()) {
            where.add(builder.equal(root.get("className"), q.className()));
          }
          if (q.status() != null) {
            where.add(builder.equal(root.get("status"), q.status()));
          }
          return builder.and(where.toArray(Predicate[]::new));
        };
    final Pageable sorted =
        page.getSort().isSorted()
            ? page
            : org.springframework.data.domain.PageRequest.of(
                page.getPageNumber(),
                page.getPageSize(),
                org.springframework.data.domain.Sort.by("name", "id"));
    return cis.findAll(matching, sorted).map(CiRow::view);
  }

  /**
   * Records {@code source -type-> target}, in the source's history.
   *
   * @throws CiNotFoundException no CI {@code source}
   * @throws InvalidCiException field {@code target}: unknown, or the source itself; {@code type}
   *     missing
   * @throws CiConflictException field {@code target}: the same relationship exists
   */
  public Relationship relate(
      final UUID source, final RelationshipType type, final UUID target, final Actor actor) {
    RecordText.requireActor(actor);
    if (type == null) {
      throw new InvalidCiException("type", "is required");
    }
    if (target == null) {
      throw new InvalidCiException("target", "is required");
    }
    return inTransaction(
        () -> {
          final ConfigurationItem from = get(source);
          if (source.equals(target)) {
            throw new InvalidCiException("target", "a CI cannot have a relationship to itself");
          }
          final ConfigurationItem to =
              find(target)
                  .orElseThrow(() -> new InvalidCiException("target", "there is no CI " + target));
          if (relationships.existsBySourceIdAndTypeAndTargetId(source, type, target)) {
            throw new CiConflictException(
                "target", from.name() + " " + type.label() + " " + to.name() + " already");
          }
          final RelationshipRow row =
              relationships.saveAndFlush(
                  new RelationshipRow(source, type, target, actor.actor(), clock.instant()));
          history.record(source, actor, "relationship", null, describe(type, to));
          return relationships.of(source).stream()
              .filter(r -> r.id() == row.id())
              .findFirst()
              .orElseThrow();
        });
  }

  /**
   * Removes a relationship of {@code ciId} (which must be its source or target), in the source's
   * history.
   *
   * @throws CiNotFoundException no such CI, or no such relationship of it
   */
  public void unrelate(final UUID ciId, final long relationshipId, final Actor actor) {
    RecordText.requireActor(actor);
    inTransaction(
        () -> {
          final RelationshipRow row =
              relationships
                  .findById(relationshipId)
                  .filter(r -> r.sourceId().equals(ciId) || r.targetId().equals(ciId))
                  .orElseThrow(
                      () ->
                          new CiNotFoundException(
                              "CI " + ciId + " has no relationship " + relationshipId));
          relationships.delete(row);
          relationships.flush();
          history.record(
              row.sourceId(),
              actor,
              "relationship",
              describe(row.type(), get(row.targetId())),
              null);
          return null;
        });
  }

  /** The CI's relationships either way (it is their source or target). */
  public List<Relationship> relationships(final UUID ciId) {
    get(ciId);
    return relationships.of(ciId);
  }

  /** The CI's history, oldest first. */
  public List<CiHistoryEntry> history(final UUID ciId) {
    return history.of(ciId);
  }

  /**
   * Impact analysis from a CI: {@link ImpactDirection#UP} every CI that depends on it (the business
   * services and applications among them are {@link Impact#services()}), {@link
   * ImpactDirection#DOWN} what it is made of, transitively within {@code depth} (1..{@value
   * ImpactAnalysis#MAX_DEPTH}), cycle-safe.
   */
  public Impact impact(final UUID ciId, final ImpactDirection direction, final int depth) {
    final ConfigurationItem origin = get(ciId);
    return new Impact(
        origin,
        Objects.requireNonNull(direction, "direction"),
        depth,
        impact.reached(ciId, direction, depth));
  }

  private CiClass knownClass(final String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidCiException("class", "is required");
    }
    return ciClass(name)
        .orElseThrow(() -> new InvalidCiException("class", "there is no CI class " + name));
  }

  private void requireUniqueName(final CiClass ciClass, final String name) {
    if (cis.existsByClassNameAndName(ciClass.name(), name)) {
      throw new CiConflictException(
          "name", "there is a " + ciClass.label() + " named " + name + " already");
    }
  }

  private void recordChanges(
      final UUID id,
      final Actor actor,
      final ConfigurationItem before,
      final ConfigurationItem after) {
    for (final CiChanges.FieldChange change : CiChanges.between(before, after)) {
      history.record(id, actor, change.field(), change.before(), change.after());
    }
  }

  private static String describe(final RelationshipType type, final ConfigurationItem target) {
    return type.label() + " " + target.name() + " (" + target.className() + ")";
  }

  private static CiNotFoundException notFound(final UUID id) {
    return new CiNotFoundException("there is no CI " + id);
  }

  private <T> T inTransaction(final Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }
}
