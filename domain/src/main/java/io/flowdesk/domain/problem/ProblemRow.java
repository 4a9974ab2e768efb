package io.flowdesk.domain.problem;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.incident.Priority;
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
 * Table {@code domain.problem} with its affected CIs, linked incidents and fixing changes, as JPA
 * maps them; Flyway owns the schema (V36), Hibernate validates it. Only changed columns are written
 * ({@link DynamicUpdate}): the record core bumps {@code updated_at} with its own SQL.
 */
@Entity
@Table(name = "problem", schema = "domain")
@DynamicUpdate
class ProblemRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false, length = 20)
  private String number;

  @Column(name = "short_description", nullable = false, length = 160)
  private String shortDescription;

  @Column(length = 10_000)
  private String description;

  @Column(length = 64)
  private String category;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "problem_ci",
      schema = "domain",
      joinColumns = @JoinColumn(name = "problem_id"))
  @OrderBy("name")
  private List<AffectedCi> affectedCis = new ArrayList<>();

  @Column(name = "assignment_group", nullable = false, length = 64)
  private String assignmentGroup;

  @Column(length = 64)
  private String assignee;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 2)
  private Priority priority;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private ProblemState state;

  @Column(nullable = false)
  private boolean proposed;

  @Column(length = 10_000)
  private String cause;

  @Column(name = "cause_code", length = 64)
  private String causeCode;

  @Column(length = 10_000)
  private String workaround;

  @Column(name = "known_error_since")
  private Instant knownErrorSince;

  @Column(name = "raised_by", nullable = false, updatable = false, length = 64)
  private String raisedBy;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "problem_incident",
      schema = "domain",
      joinColumns = @JoinColumn(name = "problem_id"))
  @Column(name = "incident_number", nullable = false, length = 20)
  private Set<String> incidents = new TreeSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "problem_change",
      schema = "domain",
      joinColumns = @JoinColumn(name = "problem_id"))
  @Column(name = "change_number", nullable = false, length = 20)
  private Set<String> changes = new TreeSet<>();

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected ProblemRow() {}

  /** A new problem in state NEW; {@code problem} is validated. */
  ProblemRow(final String number, final NewProblem problem, final Instant now) {
    this.number = number;
    this.shortDescription = problem.shortDescription();
    this.description = problem.description();
    this.category = problem.category();
    this.affectedCis = new ArrayList<>(problem.affectedCis());
    this.assignmentGroup = problem.assignmentGroup();
    this.assignee = problem.assignee();
    this.priority = problem.priority();
    this.state = ProblemState.NEW;
    this.proposed = problem.proposed();
    this.raisedBy = problem.raisedBy();
    this.incidents = new TreeSet<>(problem.incidents());
    this.createdAt = micros(now);
    this.updatedAt = createdAt;
  }

  // The database keeps microseconds; a finer instant would read back as a different one.
  private static Instant micros(final Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  ProblemState state() {
    return state;
  }

  String cause() {
    return cause;
  }

  String causeCode() {
    return causeCode;
  }

  String workaround() {
    return workaround;
  }

  Instant knownErrorSince() {
    return knownErrorSince;
  }

  Long processInstanceKey() {
    return processInstanceKey;
  }

  String assignee() {
    return assignee;
  }

  void moveTo(final ProblemState next, final Instant now) {
    this.state = next;
    // Analysing its root cause accepts a proposal; while assessed it is still only proposed.
    if (next != ProblemState.NEW && next != ProblemState.ASSESS && next != ProblemState.CANCELED) {
      this.proposed = false;
    }
    this.updatedAt = micros(now);
  }

  void cause(final String text, final String code, final Instant now) {
    this.cause = text;
    this.causeCode = code;
    this.updatedAt = micros(now);
  }

  void knownError(final String text, final Instant since, final Instant now) {
    this.workaround = text;
    this.knownErrorSince = micros(since);
    this.updatedAt = micros(now);
  }

  void assignee(final String who, final Instant now) {
    this.assignee = who;
    this.updatedAt = micros(now);
  }

  boolean link(final String incidentNumber, final Instant now) {
    this.updatedAt = micros(now);
    return incidents.add(incidentNumber);
  }

  boolean unlink(final String incidentNumber, final Instant now) {
    this.updatedAt = micros(now);
    return incidents.remove(incidentNumber);
  }

  boolean fixedBy(final String changeNumber, final Instant now) {
    this.updatedAt = micros(now);
    return changes.add(changeNumber);
  }

  void started(final long key, final Instant now) {
    this.processInstanceKey = key;
    this.updatedAt = micros(now);
  }

  Problem view() {
    return new Problem(
        id,
        number,
        shortDescription,
        description,
        category,
        affectedCis,
        assignmentGroup,
        assignee,
        priority,
        state,
        proposed,
        cause,
        causeCode,
        workaround,
        knownErrorSince,
        raisedBy,
        List.copyOf(incidents),
        List.copyOf(changes),
        processInstanceKey,
        createdAt,
        updatedAt,
        version);
  }
}
