package io.flowdesk.domain.request;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordKindRecords;
import io.flowdesk.domain.record.RecordText;
import io.flowdesk.domain.record.TransitionRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Request records: an order of a catalog item, from submission through approval and fulfilment to
 * closure. The row is JPA's ({@link RequestRepository}); numbers, audit trail, journal,
 * attachments, watchers and once-per-job changes are the shared {@link RecordCore}'s. Every method
 * is one transaction (joining a surrounding one); a failed call writes nothing.
 */
public class RequestRecords implements RecordKindRecords {

  static final int TITLE = 255;

  private final RequestRepository rows;
  private final RecordCore core;
  private final Clock clock;

  RequestRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final RequestRepository rows,
      final Clock clock) {
    this.rows = rows;
    this.clock = clock;
    this.core =
        new RecordCore(
            dataSource,
            transactionManager,
            RecordKind.REQUEST,
            id -> new RequestNotFoundException(String.valueOf(id)));
  }

  /**
   * The shared mechanics of requests (journal, attachments, audit trail) in the record core's
   * terms, for code that serves every kind of record alike (the app's record pages and APIs).
   */
  @Override
  public RecordCore core() {
    return core;
  }

  /**
   * Records an order in state SUBMITTED with the next number (REQ0000001, ...), due after the
   * item's fulfilment target; the creation is the first audit entries (number, state, requester,
   * requested for, item and version).
   *
   * @throws IllegalArgumentException naming the field when one is missing or too long
   */
  public Request submit(final NewRequest request, final Actor actor) {
    validate(request);
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final RequestRow row =
              rows.saveAndFlush(new RequestRow(core.nextNumber(), request, clock.instant()));
          final Request created = row.view();
          audit(created.id(), actor, "number", created.number());
          audit(created.id(), actor, "state", created.state().name());
          audit(created.id(), actor, "requester", created.requester());
          audit(created.id(), actor, "requestedFor", created.requestedFor());
          audit(
              created.id(), actor, "item", created.itemProcessId() + " v" + created.itemVersion());
          if (created.dueAt() != null) {
            audit(created.id(), actor, "dueAt", created.dueAt().toString());
          }
          return created;
        });
  }

  /** Records the key of the process instance that fulfils the request. */
  public Request started(final long requestId, final long processInstanceKey, final Actor actor) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final RequestRow row = lock(requestId);
          final Long before = row.processInstanceKey();
          if (Objects.equals(before, processInstanceKey)) {
            return row.view();
          }
          row.started(processInstanceKey, clock.instant());
          core.audit()
              .record(
                  requestId,
                  actor,
                  "processInstanceKey",
                  before == null ? null : before.toString(),
                  Long.toString(processInstanceKey));
          return rows.saveAndFlush(row).view();
        });
  }

  /**
   * Moves the request to {@code next}, with an optional comment the requester reads. A job's move
   * is applied once per (request, job key): a retried job answers the request unchanged. The same
   * state again is no change.
   *
   * @throws TransitionRefusedException the life cycle does not allow it ({@link RequestState})
   * @throws RequestNotFoundException no such request
   */
  public Moved moveTo(
      final long requestId, final RequestState next, final String comment, final Actor actor) {
    Objects.requireNonNull(next, "state");
    RecordText.requireActor(actor);
    RecordText.optional("comment", comment, RecordText.LONG_TEXT);
    return core.inTransaction(
        () -> {
          final RequestRow row = lock(requestId);
          if (actor.jobKey() != null && !core.firstApplicationOf(requestId, actor.jobKey())) {
            return new Moved(row.view(), false);
          }
          final RequestState from = row.state();
          if (!from.allows(next)) {
            throw new TransitionRefusedException("request", row.view().number(), from, next);
          }
          if (from == next) {
            return new Moved(row.view(), false);
          }
          row.moveTo(next, clock.instant());
          final Request moved = rows.saveAndFlush(row).view();
          core.audit().record(requestId, actor, "state", from.name(), next.name());
          if (comment != null && !comment.isBlank()) {
            core.addJournalEntry(requestId, JournalKind.COMMENT, comment, actor);
          }
          return new Moved(moved, true);
        });
  }

  /** The request after a move, and whether the move changed it (false for a repeated job). */
  public record Moved(Request request, boolean changed) {}

  /**
   * Cancels the request for {@code actor}, when it is not yet fulfilled.
   *
   * @throws TransitionRefusedException it is fulfilled, rejected, closed or canceled already
   */
  public Request cancel(final long requestId, final String reason, final Actor actor) {
    return core.inTransaction(
        () -> {
          final RequestRow row = lock(requestId);
          if (!row.state().cancelable()) {
            throw new TransitionRefusedException(
                "request", row.view().number(), row.state(), RequestState.CANCELED);
          }
          return moveTo(requestId, RequestState.CANCELED, reason, actor).request();
        });
  }

  public Optional<Request> find(final long requestId) {
    return rows.findById(requestId).map(RequestRow::view);
  }

  public Optional<Request> findByNumber(final String number) {
    if (number == null || !RecordKind.REQUEST.numbers(number)) {
      return Optional.empty();
    }
    return rows.findByNumber(number).map(RequestRow::view);
  }

  /** The requests with these numbers, by number (one query; unknown numbers are left out). */
  public Map<String, Request> findAllByNumber(final Collection<String> numbers) {
    if (numbers == null || numbers.isEmpty()) {
      return Map.of();
    }
    return rows.findByNumberIn(numbers).stream()
        .map(RequestRow::view)
        .collect(Collectors.toMap(Request::number, request -> request));
  }

  /** The request a process instance fulfils. */
  public Optional<Request> findByProcessInstanceKey(final long processInstanceKey) {
    return rows.findFirstByProcessInstanceKey(processInstanceKey).map(RequestRow::view);
  }

  /**
   * The requests {@code username} ordered or that were ordered for them, in these states (all when
   * empty), by {@code page}'s sort (properties of {@link Request}, e.g. {@code createdAt}).
   */
  public Page<Request> concerning(
      final String username, final Collection<RequestState> states, final Pageable page) {
    return rows.concerning(username, statesOrAll(states), page).map(RequestRow::view);
  }

  /**
   * The requests {@code query} finds, by {@code page}'s sort (properties of {@link Request}, e.g.
   * {@code createdAt}): the agents' and managers' request list.
   */
  public Page<Request> search(final RequestQuery query, final Pageable page) {
    return rows.findAll(RequestSearch.of(query), page).map(RequestRow::view);
  }

  /** Every request in these states (all when empty): agents' and managers' lists. */
  public Page<Request> all(final Collection<RequestState> states, final Pageable page) {
    return rows.findByStateIn(statesOrAll(states), page).map(RequestRow::view);
  }

  private RequestRow lock(final long requestId) {
    return rows.lock(requestId)
        .orElseThrow(() -> new RequestNotFoundException(String.valueOf(requestId)));
  }

  private void audit(final long id, final Actor actor, final String field, final String value) {
    core.audit().record(id, actor, field, null, value);
  }

  private static Collection<RequestState> statesOrAll(final Collection<RequestState> states) {
    return states == null || states.isEmpty() ? EnumSet.allOf(RequestState.class) : states;
  }

  private static void validate(final NewRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("request is missing");
    }
    RecordText.required("requester", request.requester(), RecordText.NAME);
    RecordText.required("requestedFor", request.requestedFor(), RecordText.NAME);
    RecordText.required("item", request.itemProcessId(), TITLE);
    RecordText.required("title", request.title(), TITLE);
    if (request.itemVersion() < 1) {
      throw new IllegalArgumentException("itemVersion must be 1 or more");
    }
    if (request.answers() == null) {
      throw new IllegalArgumentException("answers are required (empty when the form has none)");
    }
    final Duration target = request.fulfilmentTarget();
    if (target != null && target.isNegative()) {
      throw new IllegalArgumentException("fulfilmentTarget must not be negative");
    }
  }
}
