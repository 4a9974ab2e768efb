package io.flowdesk.domain.change;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.DynamicUpdate;

/**
 * Table {@code domain.change_request} with its affected CIs and linked incidents, as JPA maps them;
 * Flyway owns the schema (V17), Hibernate validates it. Only changed columns are written ({@link
 * DynamicUpdate}): the record core bumps {@code updated_at} with its own SQL.
 */
@Entity
@Table(name = "change_request", schema = "domain")
@DynamicUpdate
class ChangeRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false, length = 20)
  private String number;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 10)
  private ChangeType type;

  @Column(name = "template_id", updatable = false, length = 64)
  private String templateId;

  @Column(name = "short_description", nullable = false, length = 160)
  private String shortDescription;

  @Column(length = 10_000)
  private String description;

  @Column(name = "requested_by", nullable = false, updatable = false, length = 64)
  private String requestedBy;

  @Column(name = "assignment_group", nullable = false, length = 64)
  private String assignmentGroup;

  @Column(length = 64)
  private String implementer;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "change_request_ci",
      schema = "domain",
      joinColumns = @JoinColumn(name = "change_request_id"))
  @OrderBy("name")
  private List<AffectedCi> affectedCis = new ArrayList<>();

  @Column(name = "planned_start", nullable = false)
  private Instant plannedStart;

  @Column(name = "planned_end", nullable = false)
  private Instant plannedEnd;

  @Column(name = "implementation_plan", length = 10_000)
  private String implementationPlan;

  @Column(name = "backout_plan", length = 10_000)
  private String backoutPlan;

  @Column(name = "test_plan", length = 10_000)
  private String testPlan;

  @Enumerated(EnumType.STRING)
  @Column(length = 10)
  private ChangeRisk risk;

  @Enumerated(EnumType.STRING)
  @Column(length = 10)
  private ChangeImpact impact;

  @Enumerated(EnumType.STRING)
  @Column(name = "authorization_decision", length = 10)
  private Authorization authorization;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private ChangeState state;

  @Enumerated(EnumType.STRING)
  @Column(name = "close_code", length = 30)
  private CloseCode closeCode;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "change_request_incident",
      schema = "domain",
      joinColumns = @JoinColumn(name = "change_request_id"))
  @Column(name = "incident_number", nullable = false, length = 20)
  private Set<String> incidents = new TreeSet<>();

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected ChangeRow() {}

  /** A new change in state NEW; {@code change} is validated and filled from its template. */
  ChangeRow(final String number, final NewChange change, final Instant now) {
    this.number = number;
    this.type = change.type();
    this.templateId = change.templateId();
    this.shortDescription = change.shortDescription();
    this.description = change.description();
    this.requestedBy = change.requestedBy();
    this.assignmentGroup = change.assignmentGroup();
    this.implementer = change.implementer();
    this.affectedCis = new ArrayList<>(change.affectedCis());
    this.plannedStart = micros(change.plannedStart());
    this.plannedEnd = micros(change.plannedEnd());
    this.implementationPlan = change.implementationPlan();
    this.backoutPlan = change.backoutPlan();
    this.testPlan = change.testPlan();
    this.impact = change.impact();
    // A standard change is pre-approved: its risk is low by definition.
    this.risk = change.type() == ChangeType.STANDARD ? ChangeRisk.LOW : null;
    this.incidents = new TreeSet<>(change.incidents());
    this.state = ChangeState.NEW;
    this.createdAt = micros(now);
    this.updatedAt = createdAt;
  }

  // The database keeps microseconds; a finer instant would read back as a different one.
  private static Instant micros(final Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  long id() {
    return id;
  }

  ChangeType type() {
    return type;
  }

  ChangeState state() {
    return state;
  }

  CloseCode closeCode() {
    return closeCode;
  }

  ChangeRisk risk() {
    return risk;
  }

  Authorization authorization() {
    return authorization;
  }

  Long processInstanceKey() {
    return processInstanceKey;
  }

  void moveTo(final ChangeState next, final Instant now) {
    this.state = next;
    this.updatedAt = micros(now);
  }

  void closeCode(final CloseCode code, final Instant now) {
    this.closeCode = code;
    this.updatedAt = micros(now);
  }

  void risk(final ChangeRisk assessed, final Instant now) {
    this.risk = assessed;
    this.updatedAt = micros(now);
  }

  void authorization(final Authorization outcome, final Instant now) {
    this.authorization = outcome;
    this.updatedAt = micros(now);
  }

  boolean link(final String incidentNumber, final Instant now) {
    this.updatedAt = micros(now);
    return incidents.add(incidentNumber);
  }

  /** Moves the planned window and replaces the affected CIs (already validated). */
  void reschedule(
      final Instant start, final Instant end, final List<AffectedCi> cis, final Instant now) {
    this.plannedStart = micros(start);
    this.plannedEnd = micros(end);
    affectedCis.clear();
    affectedCis.addAll(cis);
    this.updatedAt = micros(now);
  }

  void started(final long key, final Instant now) {
    this.processInstanceKey = key;
    this.updatedAt = micros(now);
  }

  Change view() {
    return new Change(
        id,
        number,
        type,
        templateId,
        shortDescription,
        description,
        requestedBy,
        assignmentGroup,
        implementer,
        affectedCis,
        plannedStart,
        plannedEnd,
        implementationPlan,
        backoutPlan,
        testPlan,
        risk,
        impact,
        authorization,
        state,
        closeCode,
        List.copyOf(incidents),
        processInstanceKey,
        createdAt,
        updatedAt,
        version);
  }
}
