package io.flowdesk.domain.change;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordKindRecords;
import io.flowdesk.domain.record.RecordText;
import io.flowdesk.domain.record.TransitionRefusedException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Change records: a change from being raised through assessment, authorization, scheduling and
 * implementation to review and closure ({@link ChangeState}, per {@link ChangeType}), and the
 * catalog of standard change templates. The row is JPA's ({@link ChangeRepository}); numbers
 * (CHG0000001), audit trail, journal, attachments, watchers and once-per-job changes are the shared
 * {@link RecordCore}'s. Every method is one transaction (joining a surrounding one); a failed call
 * writes nothing.
 */
public class ChangeRecords implements RecordKindRecords {

  private final ChangeRepository rows;
  private final ChangeTemplateRepository templates;
  private final RecordCore core;
  private final ChangeAuthorizations authorizations;
  private final ChangeSchedule schedule;
  private final Clock clock;

  ChangeRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final ChangeRepository rows,
      final ChangeTemplateRepository templates,
      final Clock clock) {
    this.rows = rows;
    this.templates = templates;
    this.clock = clock;
    this.authorizations = new ChangeAuthorizations(dataSource);
    this.schedule = new ChangeSchedule(dataSource);
    this.core =
        new RecordCore(
            dataSource,
            transactionManager,
            RecordKind.CHANGE,
            id -> new ChangeNotFoundException(String.valueOf(id)));
  }

  /**
   * The shared mechanics of changes (journal, attachments, audit trail) in the record core's terms,
   * for code that serves every kind of record alike (the app's record pages and APIs).
   */
  @Override
  public RecordCore core() {
    return core;
  }

  /** The standard change templates that may be used, in catalog order. */
  public List<ChangeTemplate> templates() {
    return templates.findByActiveTrueOrderBySortOrderAscNameAsc().stream()
        .map(ChangeTemplateRow::view)
        .toList();
  }

  /** An active standard change template. */
  public Optional<ChangeTemplate> template(final String templateId) {
    return templateId == null
        ? Optional.empty()
        : templates.findByIdAndActiveTrue(templateId).map(ChangeTemplateRow::view);
  }

  /**
   * Records a change in state NEW with the next number (CHG0000001, ...). A standard change takes
   * description, plans and (when none is given) assignment group from its template, and is of low
   * risk. The creation is the first audit entries (number, type, state, requested by, group,
   * window, template, CIs, incidents).
   *
   * @throws IllegalArgumentException naming the field when one is missing, too long or inconsistent
   *     (e.g. the planned end is not after the planned start)
   */
  public Change raise(final NewChange change, final Actor actor) {
    RecordText.requireActor(actor);
    final NewChange complete = ChangeValidation.validated(withTemplate(change));
    return core.inTransaction(
        () -> {
          final Change created =
              rows.saveAndFlush(new ChangeRow(core.nextNumber(), complete, clock.instant())).view();
          final long id = created.id();
          audit(id, actor, "number", created.number());
          audit(id, actor, "type", created.type().name());
          audit(id, actor, "state", created.state().name());
          audit(id, actor, "requestedBy", created.requestedBy());
          audit(id, actor, "assignmentGroup", created.assignmentGroup());
          audit(id, actor, "plannedStart", created.plannedStart().toString());
          audit(id, actor, "plannedEnd", created.plannedEnd().toString());
          if (created.templateId() != null) {
            audit(id, actor, "template", created.templateId());
          }
          if (created.implementer() != null) {
            audit(id, actor, "implementer", created.implementer());
          }
          if (created.risk() != null) {
            audit(id, actor, "risk", created.risk().name());
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

  private NewChange withTemplate(final NewChange change) {
    if (change == null || change.type() != ChangeType.STANDARD) {
      return change;
    }
    if (change.templateId() == null || change.templateId().isBlank()) {
      throw new IllegalArgumentException("template is required for a standard change");
    }
    final ChangeTemplate template =
        template(change.templateId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "template '" + change.templateId() + "' is not an active standard change"));
    return new NewChange(
        change.type(),
        template.id(),
        orElse(change.shortDescription(), template.name()),
        orElse(change.description(), template.description()),
        change.requestedBy(),
        orElse(change.assignmentGroup(), template.assignmentGroup()),
        change.implementer(),
        change.affectedCis(),
        change.plannedStart(),
        change.plannedEnd(),
        orElse(change.implementationPlan(), template.implementationPlan()),
        orElse(change.backoutPlan(), template.backoutPlan()),
        orElse(change.testPlan(), template.testPlan()),
        change.impact(),
        change.incidents());
  }

  private static String orElse(final String given, final String fallback) {
    return given == null || given.isBlank() ? fallback : given;
  }

  /** Records the key of the process instance that runs the change's model. */
  public Change started(final long changeId, final long processInstanceKey, final Actor actor) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final ChangeRow row = lock(changeId);
          final Long before = row.processInstanceKey();
          if (Objects.equals(before, processInstanceKey)) {
            return row.view();
          }
          row.started(processInstanceKey, clock.instant());
          core.audit()
              .record(
                  changeId,
                  actor,
                  "processInstanceKey",
                  before == null ? null : before.toString(),
                  Long.toString(processInstanceKey));
          return rows.saveAndFlush(row).view();
        });
  }

  /**
   * Moves the change to {@code next}, recording {@code closeCode} when given (from implementation
   * on: the implementation's outcome) and an optional comment in the journal. Closing needs a close
   * code, given now or before. A job's move is applied once per (change, job key): a retried job
   * answers the change unchanged. The same state again is no change of state.
   *
   * @throws TransitionRefusedException the life cycle of the change's type does not allow it
   * @throws IllegalArgumentException a close code before implementation, or closing without one
   * @throws ChangeNotFoundException no such change
   */
  public Moved moveTo(
      final long changeId,
      final ChangeState next,
      final CloseCode closeCode,
      final String comment,
      final Actor actor) {
    Objects.requireNonNull(next, "state");
    RecordText.requireActor(actor);
    RecordText.optional("comment", comment, RecordText.LONG_TEXT);
    return core.inTransaction(
        () -> {
          final ChangeRow row = lock(changeId);
          if (actor.jobKey() != null && !core.firstApplicationOf(changeId, actor.jobKey())) {
            return new Moved(row.view(), false);
          }
          final ChangeState from = row.state();
          final String number = row.view().number();
          if (!from.allows(row.type(), next)) {
            throw new TransitionRefusedException("change", number, from, next);
          }
          if (closeCode != null
              && !EnumSet.of(ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED)
                  .contains(next)) {
            throw new IllegalArgumentException(
                "closeCode is only recorded from implementation on; change "
                    + number
                    + " goes to "
                    + next);
          }
          if (next == ChangeState.CLOSED && closeCode == null && row.closeCode() == null) {
            throw new IllegalArgumentException("closeCode is required to close change " + number);
          }
          boolean changed = false;
          if (closeCode != null && closeCode != row.closeCode()) {
            final CloseCode before = row.closeCode();
            row.closeCode(closeCode, clock.instant());
            core.audit()
                .record(
                    changeId,
                    actor,
                    "closeCode",
                    before == null ? null : before.name(),
                    closeCode.name());
            changed = true;
          }
          if (from != next) {
            row.moveTo(next, clock.instant());
            core.audit().record(changeId, actor, "state", from.name(), next.name());
            changed = true;
          }
          final Change moved = changed ? rows.saveAndFlush(row).view() : row.view();
          if (comment != null && !comment.isBlank()) {
            core.addJournalEntry(changeId, JournalKind.COMMENT, comment, actor);
          }
          return new Moved(moved, changed);
        });
  }

  /** The change after a move, and whether the move changed it (false for a repeated job). */
  public record Moved(Change change, boolean changed) {}

  /** Records the risk the assessment gave (audited when it differs). */
  public Change assessRisk(final long changeId, final ChangeRisk risk, final Actor actor) {
    Objects.requireNonNull(risk, "risk");
    return update(
        changeId,
        actor,
        row -> {
          final ChangeRisk before = row.risk();
          if (before == risk) {
            return null;
          }
          row.risk(risk, clock.instant());
          return new Audited("risk", before == null ? null : before.name(), risk.name());
        });
  }

  /**
   * Records the outcome of the authorization (audited when it differs) and, when given, who decided
   * what as a journal comment.
   */
  public Change authorize(
      final long changeId, final Authorization outcome, final String decisions, final Actor actor) {
    Objects.requireNonNull(outcome, "authorization");
    RecordText.optional("decisions", decisions, RecordText.LONG_TEXT);
    return core.inTransaction(
        () -> {
          final Change changed =
              update(
                  changeId,
                  actor,
                  row -> {
                    final Authorization before = row.authorization();
                    if (before == outcome) {
                      return null;
                    }
                    row.authorization(outcome, clock.instant());
                    if (outcome == Authorization.APPROVED) {
                      approvedOnlyWithoutOpenConflicts(row);
                    }
                    return new Audited(
                        "authorization", before == null ? null : before.name(), outcome.name());
                  });
          if (decisions != null && !decisions.isBlank()) {
            core.addJournalEntry(changeId, JournalKind.COMMENT, decisions, actor);
          }
          return changed;
        });
  }

  /**
   * Records the outcome of the authorization as {@link #authorize(long, Authorization, String,
   * Actor)} does, and with it the authority, its quorum and each vote, which the change shows from
   * then on ({@link #authorizationOf}). Recording again replaces the votes.
   *
   * @throws IllegalArgumentException no authority, a quorum below 1, a vote without approver or
   *     time
   */
  public Change authorize(
      final long changeId,
      final Authorization outcome,
      final String authority,
      final Integer quorum,
      final List<AuthorizationVote> votes,
      final String decisions,
      final Actor actor) {
    RecordText.required("authority", authority, RecordText.NAME);
    final String who = authority.strip();
    if (quorum != null && quorum < 1) {
      throw new IllegalArgumentException("quorum must be at least 1, was " + quorum);
    }
    for (final AuthorizationVote vote : votes) {
      if (vote.approver() == null
          || vote.approver().isBlank()
          || vote.decision() == null
          || vote.decidedAt() == null) {
        throw new IllegalArgumentException(
            "a vote needs an approver, a decision and a time; had " + vote);
      }
      RecordText.optional("comment", vote.comment(), 4000);
    }
    return core.inTransaction(
        () -> {
          final Change changed = authorize(changeId, outcome, decisions, actor);
          authorizations.record(
              changeId, new AuthorizationRecord(who, outcome, quorum, votes, clock.instant()));
          return changed;
        });
  }

  /** How the change was last authorized, with the votes; empty before its authorization. */
  public Optional<AuthorizationRecord> authorizationOf(final long changeId) {
    return authorizations.of(changeId);
  }

  /**
   * Moves the planned window and replaces the affected CIs, while the change is still being planned
   * (New, Assess, Authorize); each changed field is audited (CIs one entry per CI added or
   * removed). The same window and CIs again change nothing. Whether the CIs exist is the caller's
   * to check (the CMDB is another feature's).
   *
   * @throws IllegalArgumentException the window ends before it starts, a CI is named twice
   * @throws ChangeNotEditableException the change is scheduled or later
   */
  public Change reschedule(
      final long changeId,
      final Instant plannedStart,
      final Instant plannedEnd,
      final List<AffectedCi> affectedCis,
      final Actor actor) {
    RecordText.requireActor(actor);
    ChangeValidation.window(plannedStart, plannedEnd);
    ChangeValidation.affectedCis(affectedCis);
    return core.inTransaction(
        () -> {
          final ChangeRow row = lock(changeId);
          final Change before = row.view();
          if (!EnumSet.of(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE)
              .contains(before.state())) {
            throw new ChangeNotEditableException(before.number(), before.state());
          }
          row.reschedule(plannedStart, plannedEnd, affectedCis, clock.instant());
          final Change after = row.view();
          final List<AuditEntryDraft> entries = new ArrayList<>();
          if (!before.plannedStart().equals(after.plannedStart())) {
            entries.add(
                new AuditEntryDraft(
                    "plannedStart",
                    before.plannedStart().toString(),
                    after.plannedStart().toString()));
          }
          if (!before.plannedEnd().equals(after.plannedEnd())) {
            entries.add(
                new AuditEntryDraft(
                    "plannedEnd", before.plannedEnd().toString(), after.plannedEnd().toString()));
          }
          final Set<UUID> kept = new HashSet<>();
          for (final AffectedCi ci : after.affectedCis()) {
            kept.add(ci.ciId());
          }
          final Set<UUID> had = new HashSet<>();
          for (final AffectedCi ci : before.affectedCis()) {
            had.add(ci.ciId());
            if (!kept.contains(ci.ciId())) {
              entries.add(new AuditEntryDraft("affectedCi", label(ci), null));
            }
          }
          for (final AffectedCi ci : after.affectedCis()) {
            if (!had.contains(ci.ciId())) {
              entries.add(new AuditEntryDraft("affectedCi", null, label(ci)));
            }
          }
          if (entries.isEmpty()) {
            return before;
          }
          final Change saved = rows.saveAndFlush(row).view();
          for (final AuditEntryDraft entry : entries) {
            core.audit().record(changeId, actor, entry.field(), entry.before(), entry.after());
          }
          return saved;
        });
  }

  private record AuditEntryDraft(String field, String before, String after) {}

  private static String label(final AffectedCi ci) {
    return ci.name() + " (" + ci.ciId() + ")";
  }

  // V24's trigger refuses approving a normal change with conflicts nobody overrode; flushing now
  // turns its refusal into the domain's exception (SQLSTATE FDC01 carries the count).
  private void approvedOnlyWithoutOpenConflicts(final ChangeRow row) {
    try {
      rows.saveAndFlush(row);
    } catch (RuntimeException refused) {
      for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
        if (cause instanceof SQLException sql && "FDC01".equals(sql.getSQLState())) {
          final Matcher count = CONFLICT_COUNT.matcher(String.valueOf(sql.getMessage()));
          throw new UnresolvedConflictsException(
              row.view().number(), count.find() ? Integer.parseInt(count.group(1)) : 1);
        }
      }
      throw refused;
    }
  }

  private static final Pattern CONFLICT_COUNT = Pattern.compile("has (\\d+) conflict");

  /** Links an incident (INC…) to the change; linking it again changes nothing. */
  public Change linkIncident(final long changeId, final String incidentNumber, final Actor actor) {
    if (!RecordKind.INCIDENT.numbers(incidentNumber)) {
      throw new IllegalArgumentException(
          "incident '" + incidentNumber + "' is not an incident number (INC and 7 digits)");
    }
    return update(
        changeId,
        actor,
        row ->
            row.link(incidentNumber, clock.instant())
                ? new Audited("incident", null, incidentNumber)
                : null);
  }

  /** A field change to audit: what an update did, or null for none. */
  private record Audited(String field, String before, String after) {}

  private Change update(
      final long changeId, final Actor actor, final Function<ChangeRow, Audited> change) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final ChangeRow row = lock(changeId);
          if (actor.jobKey() != null && !core.firstApplicationOf(changeId, actor.jobKey())) {
            return row.view();
          }
          final Audited audited = change.apply(row);
          if (audited == null) {
            return row.view();
          }
          final Change updated = rows.saveAndFlush(row).view();
          core.audit().record(changeId, actor, audited.field(), audited.before(), audited.after());
          return updated;
        });
  }

  public Optional<Change> find(final long changeId) {
    return rows.findById(changeId).map(ChangeRow::view);
  }

  public Optional<Change> findByNumber(final String number) {
    if (number == null || !RecordKind.CHANGE.numbers(number)) {
      return Optional.empty();
    }
    return rows.findByNumber(number).map(ChangeRow::view);
  }

  /** The change whose model a process instance runs. */
  public Optional<Change> findByProcessInstanceKey(final long processInstanceKey) {
    return rows.findFirstByProcessInstanceKey(processInstanceKey).map(ChangeRow::view);
  }

  /** The changes these process instances carry out, by process instance key (one query). */
  public Map<Long, Change> byProcessInstanceKeys(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Map<Long, Change> found = new HashMap<>();
    for (final ChangeRow row : rows.findByProcessInstanceKeyIn(processInstanceKeys)) {
      final Change change = row.view();
      found.put(change.processInstanceKey(), change);
    }
    return found;
  }

  /** The changes linked to this incident (INC…), newest first; none for an unknown number. */
  public List<Change> linkedTo(final String incidentNumber) {
    if (incidentNumber == null || !RecordKind.INCIDENT.numbers(incidentNumber)) {
      return List.of();
    }
    return rows.linkedToIncident(incidentNumber).stream().map(ChangeRow::view).toList();
  }

  /** Every change in these states (all when empty), by {@code page}'s sort. */
  public Page<Change> all(final Collection<ChangeState> states, final Pageable page) {
    final Collection<ChangeState> wanted =
        states == null || states.isEmpty() ? EnumSet.allOf(ChangeState.class) : states;
    return rows.findByStateIn(wanted, page).map(ChangeRow::view);
  }

  /**
   * The changes in these states (all when empty), of this type and assignment group (any when
   * null), by {@code page}'s sort.
   */
  public Page<Change> search(
      final Collection<ChangeState> states,
      final ChangeType type,
      final String assignmentGroup,
      final Pageable page) {
    final Collection<ChangeState> wanted =
        states == null || states.isEmpty() ? EnumSet.allOf(ChangeState.class) : states;
    Specification<ChangeRow> where = (row, query, cb) -> row.get("state").in(wanted);
    if (type != null) {
      where = where.and((row, query, cb) -> cb.equal(row.get("type"), type));
    }
    if (assignmentGroup != null && !assignmentGroup.isBlank()) {
      where =
          where.and(
              (row, query, cb) -> cb.equal(row.get("assignmentGroup"), assignmentGroup.strip()));
    }
    return rows.findAll(where, page).map(ChangeRow::view);
  }

  /**
   * The changes in {@code states} whose planned window overlaps [{@code from}, {@code to}), by
   * planned start, at most {@code limit}; only those of {@code assignmentGroup} and affecting CI
   * {@code ci} when given (null: any). For the change calendar.
   */
  public List<ScheduledChange> scheduled(
      final Instant from,
      final Instant to,
      final Collection<ChangeState> states,
      final String assignmentGroup,
      final UUID ci,
      final int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (states.isEmpty()) {
      return List.of();
    }
    return schedule.overlapping(from, to, states, assignmentGroup, ci, limit);
  }

  private ChangeRow lock(final long changeId) {
    return rows.lock(changeId)
        .orElseThrow(() -> new ChangeNotFoundException(String.valueOf(changeId)));
  }

  private void audit(final long id, final Actor actor, final String field, final String value) {
    core.audit().record(id, actor, field, null, value);
  }
}
