package io.flowdesk.domain.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvals ({@code domain.approval}) and their steps ({@code domain.approval_step}): opened by the
 * process's approvers worker, decided by approvers through the app, escalated and concluded by the
 * process. Each step names the user task or job it came from and is recorded once per source, so a
 * retried job or a repeated form post changes nothing twice.
 */
public class Approvals {

  static final int MAX_SUBJECT = 500;
  static final int MAX_COMMENT = 4000;
  private static final String APPROVAL =
      "SELECT id, process_instance_key, record_number, subject, requester, requested_for, mode,"
          + " required, approvers, state, created_at, decided_at FROM domain.approval";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  /** Approvals on {@code dataSource} with their own JDBC transactions (tests, tools). */
  public Approvals(final DataSource dataSource) {
    this(dataSource, new DataSourceTransactionManager(dataSource));
  }

  /** Approvals on {@code dataSource}, in transactions of {@code transactionManager}. */
  public Approvals(
      final DataSource dataSource, final PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
  }

  /**
   * Records the approval of a process instance; the same instance opens it once (a retried job
   * answers the approval the first attempt opened).
   *
   * @throws IllegalArgumentException naming the problem: no subject, no approvers …
   */
  public Approval open(final NewApproval approval) {
    final String subject = requireText("subject", approval.subject(), MAX_SUBJECT);
    if (approval.approvers().isEmpty()) {
      throw new IllegalArgumentException("an approval needs at least one approver");
    }
    jdbc.sql(
            """
            INSERT INTO domain.approval (process_instance_key, record_number, subject, requester,
              requested_for, mode, required, approvers)
            VALUES (:instance, :recordNumber, :subject, :requester, :requestedFor, :mode,
              :required, :approvers)
            ON CONFLICT (process_instance_key) DO NOTHING
            """)
        .param("instance", approval.processInstanceKey())
        .param("recordNumber", approval.recordNumber())
        .param("subject", subject)
        .param("requester", approval.requester())
        .param("requestedFor", approval.requestedFor())
        .param("mode", approval.mode().label())
        .param("required", approval.required())
        .param("approvers", String.join(",", approval.approvers()))
        .update();
    return ofInstance(approval.processInstanceKey()).orElseThrow();
  }

  public Optional<Approval> find(final long id) {
    return one(APPROVAL + " WHERE id = :key", id);
  }

  /** The approval the process instance {@code processInstanceKey} (a flowdesk-approval) opened. */
  public Optional<Approval> ofInstance(final long processInstanceKey) {
    return one(APPROVAL + " WHERE process_instance_key = :key", processInstanceKey);
  }

  /** The approvals of these process instances, by process instance key: one query for all. */
  public Map<Long, Approval> ofInstances(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Map<Long, Approval> found = new HashMap<>();
    for (final Approval approval :
        withSteps(
            jdbc.sql(APPROVAL + " WHERE process_instance_key IN (:keys)")
                .param("keys", processInstanceKeys)
                .query(Approvals::approval)
                .list())) {
      found.put(approval.processInstanceKey(), approval);
    }
    return found;
  }

  /** The approvals of a record (e.g. REQ0000001), oldest first, for its timeline. */
  public List<Approval> forRecord(final String recordNumber) {
    return withSteps(
        jdbc.sql(APPROVAL + " WHERE record_number = :number ORDER BY id")
            .param("number", recordNumber)
            .query(Approvals::approval)
            .list());
  }

  /**
   * Records {@code approver}'s decision, taken in user task {@code taskKey}; a rejection needs a
   * comment. A task decides once: a repeat records nothing.
   *
   * @param onBehalfOf the approver who delegated to {@code approver}, or null
   * @throws IllegalArgumentException a rejection without comment, a comment too long
   * @throws IllegalStateException the approval is no longer open
   */
  public Approval decide(
      final long approvalId,
      final long taskKey,
      final String approver,
      final boolean approve,
      final String comment,
      final String onBehalfOf,
      final Instant at) {
    return decide(
        approvalId,
        taskKey,
        approver,
        approve ? ApprovalAction.APPROVED : ApprovalAction.REJECTED,
        comment,
        onBehalfOf,
        at);
  }

  /**
   * Records {@code approver}'s vote, taken in user task {@code taskKey}: approved, rejected or
   * abstained; a rejection and an abstention need a comment saying why. A task decides once: a
   * repeat records nothing.
   *
   * @param onBehalfOf the approver who delegated to {@code approver}, or null
   * @throws IllegalArgumentException a rejection or abstention without comment, a comment too long,
   *     an action that is no vote
   * @throws IllegalStateException the approval is no longer open
   */
  public Approval decide(
      final long approvalId,
      final long taskKey,
      final String approver,
      final ApprovalAction vote,
      final String comment,
      final String onBehalfOf,
      final Instant at) {
    final String text =
        switch (vote) {
          case APPROVED -> optionalText("comment", comment);
          case REJECTED ->
              requireText(
                  "comment", comment, MAX_COMMENT, "a rejection needs a comment saying why");
          case ABSTAINED ->
              requireText(
                  "comment", comment, MAX_COMMENT, "an abstention needs a comment saying why");
          default -> throw new IllegalArgumentException(vote + " is not a vote");
        };
    return step(approvalId, taskKey, new ApprovalStep(approver, vote, text, onBehalfOf, null, at));
  }

  /**
   * Records that {@code from} handed the decision of task {@code taskKey} to {@code to}, saying
   * why.
   *
   * @throws IllegalArgumentException no reason, or a reason too long
   */
  public Approval delegate(
      final long approvalId,
      final long taskKey,
      final String from,
      final String to,
      final String reason,
      final Instant at) {
    final String why = requireText("reason", reason, MAX_COMMENT, "a delegation needs a reason");
    return step(
        approvalId, taskKey, new ApprovalStep(from, ApprovalAction.DELEGATED, why, null, to, at));
  }

  /**
   * Records that nobody decided {@code from}'s part in time and job {@code jobKey} handed it on.
   */
  public Approval escalate(
      final long approvalId,
      final long jobKey,
      final String from,
      final String to,
      final String reason,
      final Instant at) {
    return step(
        approvalId, jobKey, new ApprovalStep(from, ApprovalAction.ESCALATED, reason, null, to, at));
  }

  /**
   * Ends the approval: approved when it has as many approvals as it requires (after abstentions,
   * {@link ApprovalMode#approvalsNeeded}), else rejected. An approval already ended stays as it
   * ended.
   */
  public Approval conclude(final long approvalId, final Instant at) {
    return tx.execute(
        status -> {
          final Approval approval = require(approvalId);
          if (approval.state() != ApprovalState.OPEN) {
            return approval;
          }
          final int needed =
              approval
                  .mode()
                  .approvalsNeeded(approval.required(), approval.count(ApprovalAction.ABSTAINED));
          jdbc.sql("UPDATE domain.approval SET state = :state, decided_at = :at WHERE id = :id")
              .param(
                  "state",
                  approval.count(ApprovalAction.APPROVED) >= needed ? "APPROVED" : "REJECTED")
              .param("at", Timestamp.from(at))
              .param("id", approvalId)
              .update();
          return require(approvalId);
        });
  }

  private Approval step(final long approvalId, final long sourceKey, final ApprovalStep step) {
    return tx.execute(
        status -> {
          final Approval approval = require(approvalId);
          final boolean recorded =
              jdbc.sql("SELECT count(*) FROM domain.approval_step WHERE source_key = :key")
                      .param("key", sourceKey)
                      .query(Long.class)
                      .single()
                  > 0;
          if (recorded) {
            return approval;
          }
          if (approval.state() != ApprovalState.OPEN) {
            throw new IllegalStateException(
                "approval " + approvalId + " is already " + approval.state().name().toLowerCase());
          }
          jdbc.sql(
                  """
                  INSERT INTO domain.approval_step (approval_id, actor, action, comment,
                    on_behalf_of, handed_to, at, source_key)
                  VALUES (:approval, :actor, :action, :comment, :onBehalfOf, :handedTo, :at, :key)
                  """)
              .param("approval", approvalId)
              .param("actor", step.actor())
              .param("action", step.action().name())
              .param("comment", step.comment())
              .param("onBehalfOf", step.onBehalfOf())
              .param("handedTo", step.handedTo())
              .param("at", Timestamp.from(step.at()))
              .param("key", sourceKey)
              .update();
          return require(approvalId);
        });
  }

  private Approval require(final long approvalId) {
    return find(approvalId)
        .orElseThrow(() -> new IllegalArgumentException("no approval " + approvalId));
  }

  private Optional<Approval> one(final String sql, final long key) {
    return withSteps(jdbc.sql(sql).param("key", key).query(Approvals::approval).list()).stream()
        .findFirst();
  }

  private List<Approval> withSteps(final List<Approval> approvals) {
    if (approvals.isEmpty()) {
      return approvals;
    }
    final Map<Long, List<ApprovalStep>> steps = new LinkedHashMap<>();
    approvals.forEach(approval -> steps.put(approval.id(), new ArrayList<>()));
    jdbc.sql(
            "SELECT approval_id, actor, action, comment, on_behalf_of, handed_to, at"
                + " FROM domain.approval_step WHERE approval_id IN (:ids) ORDER BY id")
        .param("ids", steps.keySet())
        .query(
            (row, n) -> {
              steps
                  .get(row.getLong("approval_id"))
                  .add(
                      new ApprovalStep(
                          row.getString("actor"),
                          ApprovalAction.valueOf(row.getString("action")),
                          row.getString("comment"),
                          row.getString("on_behalf_of"),
                          row.getString("handed_to"),
                          row.getTimestamp("at").toInstant()));
              return null;
            })
        .list();
    return approvals.stream()
        .map(
            a ->
                new Approval(
                    a.id(),
                    a.processInstanceKey(),
                    a.recordNumber(),
                    a.subject(),
                    a.requester(),
                    a.requestedFor(),
                    a.mode(),
                    a.required(),
                    a.approvers(),
                    a.state(),
                    a.createdAt(),
                    a.decidedAt(),
                    steps.get(a.id())))
        .toList();
  }

  private static Approval approval(final ResultSet row, final int n) throws SQLException {
    final Timestamp decided = row.getTimestamp("decided_at");
    return new Approval(
        row.getLong("id"),
        row.getLong("process_instance_key"),
        row.getString("record_number"),
        row.getString("subject"),
        row.getString("requester"),
        row.getString("requested_for"),
        ApprovalMode.of(row.getString("mode")),
        row.getInt("required"),
        List.of(row.getString("approvers").split(",")),
        ApprovalState.valueOf(row.getString("state")),
        row.getTimestamp("created_at").toInstant(),
        decided == null ? null : decided.toInstant(),
        List.of());
  }

  private static String optionalText(final String what, final String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return requireText(what, text, MAX_COMMENT);
  }

  private static String requireText(final String what, final String text, final int max) {
    return requireText(what, text, max, what + " is required");
  }

  private static String requireText(
      final String what, final String text, final int max, final String missing) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(missing);
    }
    final String stripped = text.strip();
    if (stripped.length() > max) {
      throw new IllegalArgumentException(what + " is too long: at most " + max + " characters");
    }
    return stripped;
  }
}
