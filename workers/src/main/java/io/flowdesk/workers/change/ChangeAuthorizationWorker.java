package io.flowdesk.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationVote;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.VoteDecision;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:change-authorization}: records on the change of {@code changeNumber}
 * the outcome of its authorization, and who decided what as a journal comment.
 *
 * <p>Inputs: {@code decision} ({@code approved}/{@code rejected}), {@code authority} (who
 * authorizes, e.g. "CAB"), optional {@code quorum} (the approvals the authority required: the
 * approval building block's {@code approval.required}), optional {@code decisions} (the approval
 * building block's list of {@code {approver, decision: approved|rejected|abstained, comment,
 * decidedAt, delegatedFrom}}, recorded on the change as its votes) or {@code decidedBy} and {@code
 * comment} (one person's decision, e.g. the change manager's). Result variable {@code
 * changeAuthorization} ({@code approved}/{@code rejected}), on which the models branch. Bad input
 * is BPMN error {@code FLOWDESK_CHANGE_INVALID_INPUT}.
 */
public class ChangeAuthorizationWorker {

  public static final String TYPE = "flowdesk:change-authorization";

  private final ChangeRecords records;
  private final JobOutcomes outcomes;

  public ChangeAuthorizationWorker(final ChangeRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("change", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {
        ChangeJobs.NUMBER,
        "decision",
        "authority",
        "decisions",
        "decidedBy",
        "comment",
        "quorum"
      })
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::record);
  }

  public Map<String, Object> record(final JobInputs inputs) {
    final Authorization outcome =
        ChangeJobs.coded(
            inputs,
            "decision",
            decision ->
                switch (decision) {
                  case "approved", "approve" -> Optional.of(Authorization.APPROVED);
                  case "rejected", "reject" -> Optional.of(Authorization.REJECTED);
                  default -> Optional.empty();
                },
            "approved, rejected");
    final String authority = inputs.optionalText("authority").orElse("Authorization");
    try {
      records.authorize(
          ChangeJobs.change(records, inputs).id(),
          outcome,
          authority,
          quorum(inputs),
          votes(inputs),
          summary(inputs, outcome),
          Actor.job(inputs.jobKey()));
    } catch (IllegalArgumentException e) {
      throw new InvalidJobInputException(e.getMessage());
    }
    return Map.of("changeAuthorization", outcome.name().toLowerCase(Locale.ROOT));
  }

  private static Integer quorum(final JobInputs inputs) {
    final Object value = inputs.raw("quorum");
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      return number.intValue();
    }
    throw new InvalidJobInputException("input 'quorum' must be a whole number, was " + value);
  }

  /** The approval building block's decisions as votes on the change. */
  private static List<AuthorizationVote> votes(final JobInputs inputs) {
    if (!(inputs.raw("decisions") instanceof Collection<?> list)) {
      return List.of();
    }
    final List<AuthorizationVote> votes = new ArrayList<>();
    for (final Object item : list) {
      if (!(item instanceof Map<?, ?> decision)) {
        throw new InvalidJobInputException(
            "input 'decisions' must be a list of {approver, decision, comment}; had " + item);
      }
      votes.add(
          new AuthorizationVote(
              text(decision.get("approver")),
              vote(decision.get("decision")),
              text(decision.get("comment")),
              decidedAt(decision.get("decidedAt")),
              text(decision.get("delegatedFrom"))));
    }
    return votes;
  }

  private static VoteDecision vote(final Object decision) {
    return switch (String.valueOf(decision)) {
      case "approved", "approve" -> VoteDecision.APPROVED;
      case "rejected", "reject" -> VoteDecision.REJECTED;
      case "abstained", "abstain" -> VoteDecision.ABSTAINED;
      default ->
          throw new InvalidJobInputException(
              "a decision in input 'decisions' must be approved, rejected or abstained; had "
                  + decision);
    };
  }

  private static Instant decidedAt(final Object value) {
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new InvalidJobInputException(
          "decidedAt in input 'decisions' must be an ISO-8601 instant, was " + value);
    }
  }

  private static String text(final Object value) {
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
  }

  /** "CAB: approved. carl approved: Fine with me. dora approved." */
  private static String summary(final JobInputs inputs, final Authorization outcome) {
    final StringBuilder text =
        new StringBuilder(inputs.optionalText("authority").orElse("Authorization"))
            .append(": ")
            .append(outcome == Authorization.APPROVED ? "approved" : "rejected")
            .append('.');
    final Object decisions = inputs.raw("decisions");
    if (decisions instanceof Collection<?> list) {
      for (final Object item : list) {
        if (!(item instanceof Map<?, ?> decision)) {
          throw new InvalidJobInputException(
              "input 'decisions' must be a list of {approver, decision, comment}; had " + item);
        }
        line(text, decision.get("approver"), decision.get("decision"), decision.get("comment"));
      }
    } else if (decisions != null) {
      throw new InvalidJobInputException("input 'decisions' must be a list, was " + decisions);
    }
    final Object comment = inputs.raw("comment");
    inputs
        .optionalText("decidedBy")
        .ifPresentOrElse(
            person -> line(text, person, outcome.name().toLowerCase(Locale.ROOT), comment),
            () -> sentence(text, comment));
    return text.toString();
  }

  private static void line(
      final StringBuilder text, final Object who, final Object decision, final Object comment) {
    text.append(' ').append(who).append(' ').append(decision);
    if (comment != null && !String.valueOf(comment).isBlank()) {
      text.append(": ").append(String.valueOf(comment).strip());
    }
    if (!endsASentence(text)) {
      text.append('.');
    }
  }

  private static void sentence(final StringBuilder text, final Object comment) {
    if (comment != null && !String.valueOf(comment).isBlank()) {
      text.append(' ').append(String.valueOf(comment).strip());
    }
  }

  private static boolean endsASentence(final CharSequence text) {
    final char last = text.charAt(text.length() - 1);
    return last == '.' || last == '!' || last == '?';
  }
}
