package io.flowdesk.domain.problem;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordKindRecords;
import io.flowdesk.domain.record.RecordText;
import io.flowdesk.domain.record.TransitionRefusedException;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Problem records: the unknown cause of one or more incidents, from being raised (or proposed by
 * the recurring-incident detection) through assessment and root cause analysis to its fix (changes
 * raised from it), resolution and closure ({@link ProblemState}); a problem whose workaround is
 * known is a known error. The row is JPA's ({@link ProblemRepository}); numbers (PRB0000001), audit
 * trail, journal, attachments, watchers and once-per-job changes are the shared {@link
 * RecordCore}'s. Every method is one transaction (joining a surrounding one); a failed call writes
 * nothing.
 */
public class ProblemRecords implements RecordKindRecords {

  static final int SHORT_DESCRIPTION = 160;

  /** Problems whose known error still applies: not yet closed or canceled. */
  private static final Set<ProblemState> KNOWN_ERROR_STATES =
      EnumSet.of(
          ProblemState.NEW,
          ProblemState.ASSESS,
          ProblemState.ROOT_CAUSE_ANALYSIS,
          ProblemState.FIX_IN_PROGRESS,
          ProblemState.RESOLVED);

  // Hibernate renders an empty IN list as invalid SQL; this id is never a CI's.
  private static final UUID NO_CI = new UUID(0, 0);

  private final ProblemRepository rows;
  private final RecordCore core;
  private final Clock clock;

  ProblemRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final ProblemRepository rows,
      final Clock clock) {
    this.rows = rows;
    this.clock = clock;
    this.core =
        new RecordCore(
            dataSource,
            transactionManager,
            RecordKind.PROBLEM,
            id -> new ProblemNotFoundException(String.valueOf(id)));
  }

  @Override
  public RecordCore core() {
    return core;
  }

  /**
   * Records a problem in state NEW with the next number (PRB0000001, ...). The creation is the
   * first audit entries (number, state, priority, group, category, CIs, incidents, proposed).
   *
   * @throws IllegalArgumentException naming the field when one is missing, too long or inconsistent
   */
  public Problem record(final NewProblem problem, final Actor actor) {
    RecordText.requireActor(actor);
    validate(problem);
    return core.inTransaction(
        () -> {
          final Problem created =
              rows.saveAndFlush(new ProblemRow(core.nextNumber(), problem, clock.instant())).view();
          final long id = created.id();
          audit(id, actor, "number", created.number());
          audit(id, actor, "state", created.state().name());
          audit(id, actor, "priority", created.priority().name());
          audit(id, actor, "assignmentGroup", created.assignmentGroup());
          if (created.category() != null) {
            audit(id, actor, "category", created.category());
          }
          if (created.assignee() != null) {
            audit(id, actor, "assignee", created.assignee());
          }
          if (created.proposed()) {
            audit(id, actor, "proposed", "true");
          }
          for (final AffectedCi ci : created.affectedCis()) {
            audit(id, actor, "affectedCi", ci.name() + " (" + ci.ciId() + ")");
          }
          for (final String incident : created.incidents()) {
            audit(id, actor, "incident", incident);
          }
          return created;
        });
  }

  private static void validate(final NewProblem problem) {
    if (problem == null) {
      throw new IllegalArgumentException("problem is missing");
    }
    RecordText.required("shortDescription", problem.shortDescription(), SHORT_DESCRIPTION);
    RecordText.optional("description", problem.description(), RecordText.LONG_TEXT);
    RecordText.optional("category", problem.category(), RecordText.NAME);
    RecordText.required("assignmentGroup", problem.assignmentGroup(), RecordText.NAME);
    RecordText.optional("assignee", problem.assignee(), RecordText.NAME);
    RecordText.required("raisedBy", problem.raisedBy(), RecordText.NAME);
    if (problem.priority() == null) {
      throw new IllegalArgumentException("priority is required: P1 to P5");
    }
    final Set<UUID> seen = new HashSet<>();
    for (final AffectedCi ci : problem.affectedCis()) {
      if (ci == null || ci.ciId() == null) {
        throw new IllegalArgumentException("affected CI id is required");
      }
      RecordText.required("affected CI " + ci.ciId() + " name", ci.name(), AffectedCi.NAME);
      if (!seen.add(ci.ciId())) {
        throw new IllegalArgumentException("affected CI " + ci.ciId() + " is named twice");
      }
    }
    problem.incidents().forEach(ProblemRecords::requireIncidentNumber);
  }

  private static void requireIncidentNumber(final String incident) {
    if (!RecordKind.INCIDENT.numbers(incident)) {
      throw new IllegalArgumentException(
          "incident '" + incident + "' is not an incident number (INC and 7 digits)");
    }
  }

  /** Records the key of the process instance that runs the problem's model. */
  public Problem started(final long problemId, final long processInstanceKey, final Actor actor) {
    return update(
        problemId,
        actor,
        row -> {
          final Long before = row.processInstanceKey();
          if (Objects.equals(before, processInstanceKey)) {
            return null;
          }
          row.started(processInstanceKey, clock.instant());
          return new Audited(
              "processInstanceKey",
              before == null ? null : before.toString(),
              Long.toString(processInstanceKey));
        });
  }

  /**
   * Moves the problem to {@code next} with an optional comment in the journal. A job's move is
   * applied once per (problem, job key). The same state again is no change of state. Moving out of
   * NEW accepts a proposed problem.
   *
   * @throws TransitionRefusedException the life cycle does not allow it
   * @throws ProblemNotFoundException no such problem
   */
  public Problem moveTo(
      final long problemId, final ProblemState next, final String comment, final Actor actor) {
    Objects.requireNonNull(next, "state");
    RecordText.optional("comment", comment, RecordText.LONG_TEXT);
    return core.inTransaction(
        () -> {
          final Problem moved =
              update(
                  problemId,
                  actor,
                  row -> {
                    final ProblemState from = row.state();
                    if (!from.allows(next)) {
                      throw new TransitionRefusedException(
                          "problem", row.view().number(), from, next);
                    }
                    if (from == next) {
                      return null;
                    }
                    row.moveTo(next, clock.instant());
                    return new Audited("state", from.name(), next.name());
                  });
          if (comment != null && !comment.isBlank()) {
            core.addJournalEntry(problemId, JournalKind.COMMENT, comment, actor);
          }
          return moved;
        });
  }

  /**
   * Records the root cause found (text and a short code, e.g. {@code software-defect}); audited
   * when it differs.
   */
  public Problem recordCause(
      final long problemId, final String cause, final String causeCode, final Actor actor) {
    RecordText.required("cause", cause, RecordText.LONG_TEXT);
    RecordText.optional("causeCode", causeCode, RecordText.NAME);
    final String text = cause.strip();
    final String code = causeCode == null || causeCode.isBlank() ? null : causeCode.strip();
    return update(
        problemId,
        actor,
        row -> {
          if (Objects.equals(row.cause(), text) && Objects.equals(row.causeCode(), code)) {
            return null;
          }
          final String before = row.causeCode();
          row.cause(text, code, clock.instant());
          // The cause's words are on the record; the trail names the code it was given.
          return new Audited("cause", before, code == null ? "recorded" : code);
        });
  }

  /**
   * Makes the problem a known error with this workaround (or changes the workaround of one): from
   * now on agents see it on every linked and matching incident. It stays a known error from the
   * first time it became one.
   */
  public Problem markKnownError(final long problemId, final String workaround, final Actor actor) {
    RecordText.required("workaround", workaround, RecordText.LONG_TEXT);
    final String text = workaround.strip();
    return update(
        problemId,
        actor,
        row -> {
          if (row.knownErrorSince() != null && text.equals(row.workaround())) {
            return null;
          }
          final boolean first = row.knownErrorSince() == null;
          row.knownError(text, first ? clock.instant() : row.knownErrorSince(), clock.instant());
          return first
              ? new Audited("knownError", null, "true")
              : new Audited("workaround", "changed", "changed");
        });
  }

  /** Assigns the problem to an analyst (null: nobody); audited when it differs. */
  public Problem assign(final long problemId, final String assignee, final Actor actor) {
    RecordText.optional("assignee", assignee, RecordText.NAME);
    final String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
    return update(
        problemId,
        actor,
        row -> {
          final String before = row.assignee();
          if (Objects.equals(before, who)) {
            return null;
          }
          row.assignee(who, clock.instant());
          return new Audited("assignee", before, who);
        });
  }

  /** Links an incident (INC…) to the problem; linking it again changes nothing. */
  public Problem linkIncident(final long problemId, final String incident, final Actor actor) {
    requireIncidentNumber(incident);
    return update(
        problemId,
        actor,
        row ->
            row.link(incident, clock.instant()) ? new Audited("incident", null, incident) : null);
  }

  /** Unlinks an incident from the problem; one not linked changes nothing. */
  public Problem unlinkIncident(final long problemId, final String incident, final Actor actor) {
    requireIncidentNumber(incident);
    return update(
        problemId,
        actor,
        row ->
            row.unlink(incident, clock.instant()) ? new Audited("incident", incident, null) : null);
  }

  /** Links a change (CHG…) raised to fix the problem. */
  public Problem linkFix(final long problemId, final String change, final Actor actor) {
    if (!RecordKind.CHANGE.numbers(change)) {
      throw new IllegalArgumentException(
          "change '" + change + "' is not a change number (CHG and 7 digits)");
    }
    return update(
        problemId,
        actor,
        row -> row.fixedBy(change, clock.instant()) ? new Audited("change", null, change) : null);
  }

  private record Audited(String field, String before, String after) {}

  private Problem update(
      final long problemId, final Actor actor, final Function<ProblemRow, Audited> change) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final ProblemRow row = lock(problemId);
          if (actor.jobKey() != null && !core.firstApplicationOf(problemId, actor.jobKey())) {
            return row.view();
          }
          final Audited audited = change.apply(row);
          if (audited == null) {
            return row.view();
          }
          final Problem updated = rows.saveAndFlush(row).view();
          core.audit().record(problemId, actor, audited.field(), audited.before(), audited.after());
          return updated;
        });
  }

  public Optional<Problem> find(final long problemId) {
    return rows.findById(problemId).map(ProblemRow::view);
  }

  public Optional<Problem> findByNumber(final String number) {
    if (number == null || !RecordKind.PROBLEM.numbers(number)) {
      return Optional.empty();
    }
    return rows.findByNumber(number).map(ProblemRow::view);
  }

  /** The problem whose model a process instance runs. */
  public Optional<Problem> findByProcessInstanceKey(final long processInstanceKey) {
    return rows.findFirstByProcessInstanceKey(processInstanceKey).map(ProblemRow::view);
  }

  /**
   * The problems these process instances work on, by process instance key (the inbox's record
   * context): one query, as the records keep their instance's key.
   */
  public Map<Long, Problem> byProcessInstanceKeys(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Map<Long, Problem> found = new HashMap<>();
    for (final ProblemRow row : rows.findByProcessInstanceKeyIn(processInstanceKeys)) {
      final Problem problem = row.view();
      found.put(problem.processInstanceKey(), problem);
    }
    return found;
  }

  /** The problems this incident (INC…) is linked to, newest first. */
  public List<Problem> linkedTo(final String incidentNumber) {
    if (incidentNumber == null || !RecordKind.INCIDENT.numbers(incidentNumber)) {
      return List.of();
    }
    return rows.linkedToIncident(incidentNumber).stream().map(ProblemRow::view).toList();
  }

  /** The problems this change (CHG…) was raised to fix, newest first. */
  public List<Problem> fixedBy(final String changeNumber) {
    if (changeNumber == null || !RecordKind.CHANGE.numbers(changeNumber)) {
      return List.of();
    }
    return rows.fixedBy(changeNumber).stream().map(ProblemRow::view).toList();
  }

  /**
   * The known errors that apply to an incident: those it is linked to, and those about one of its
   * CIs or its category; not closed or canceled, most recent known error first.
   */
  public List<Problem> knownErrorsFor(
      final String incidentNumber, final Collection<UUID> cis, final String category) {
    final java.util.Map<Long, Problem> found = new java.util.LinkedHashMap<>();
    for (final Problem linked : linkedTo(incidentNumber)) {
      if (linked.knownError() && KNOWN_ERROR_STATES.contains(linked.state())) {
        found.put(linked.id(), linked);
      }
    }
    final Collection<UUID> ids = cis == null || cis.isEmpty() ? List.of(NO_CI) : cis;
    final String wanted = category == null || category.isBlank() ? null : category.strip();
    for (final ProblemRow row : rows.knownErrors(ids, wanted, KNOWN_ERROR_STATES)) {
      final Problem matching = row.view();
      found.putIfAbsent(matching.id(), matching);
    }
    return List.copyOf(found.values());
  }

  /**
   * The problems in these states (all when empty), of this group (any when null), known errors only
   * when {@code knownErrors}, proposed ones only when {@code proposed}, by {@code page}'s sort.
   */
  public Page<Problem> search(
      final Collection<ProblemState> states,
      final String assignmentGroup,
      final boolean knownErrors,
      final boolean proposed,
      final Pageable page) {
    final Collection<ProblemState> wanted =
        states == null || states.isEmpty() ? EnumSet.allOf(ProblemState.class) : states;
    Specification<ProblemRow> where = (row, query, cb) -> row.get("state").in(wanted);
    if (assignmentGroup != null && !assignmentGroup.isBlank()) {
      where =
          where.and(
              (row, query, cb) -> cb.equal(row.get("assignmentGroup"), assignmentGroup.strip()));
    }
    if (knownErrors) {
      where = where.and((row, query, cb) -> cb.isNotNull(row.get("knownErrorSince")));
    }
    if (proposed) {
      where = where.and((row, query, cb) -> cb.isTrue(row.get("proposed")));
    }
    return rows.findAll(where, page).map(ProblemRow::view);
  }

  /** Parses P1..P5 (case-insensitive); empty for anything else. */
  public static Optional<Priority> priority(final String given) {
    if (given == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Priority.valueOf(given.strip().toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  private ProblemRow lock(final long problemId) {
    return rows.lock(problemId)
        .orElseThrow(() -> new ProblemNotFoundException(String.valueOf(problemId)));
  }

  private void audit(final long id, final Actor actor, final String field, final String value) {
    core.audit().record(id, actor, field, null, value);
  }
}
